package dev.tails.eval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The typed result of one evaluation; its JSON (the results file) is the Jackson serialization of the
 * record with the task name in "task". A new evaluation's result record is registered here twice: in
 * {@code permits} and in {@code @JsonSubTypes}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "task")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WicEvaluation.Result.class, name = "wic"),
        @JsonSubTypes.Type(value = StsEvaluation.Result.class, name = "sts"),
        @JsonSubTypes.Type(value = TreesEvaluation.Result.class, name = "trees"),
        @JsonSubTypes.Type(value = SstProbeEvaluation.Result.class, name = "probe"),
        @JsonSubTypes.Type(value = WsdEvaluation.Result.class, name = "wsd"),
})
public sealed interface EvalResult permits WicEvaluation.Result, StsEvaluation.Result, TreesEvaluation.Result,
        SstProbeEvaluation.Result, WsdEvaluation.Result {
    EvalHeader header();

    /** The results file's name without ".json": the task, with the dataset where one task has several. */
    String fileName();

    /** Writes the result as JSON. */
    static void write(EvalResult result, Path file) {
        try {
            Json.MAPPER.writerFor(EvalResult.class).withDefaultPrettyPrinter().writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write the results JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a results file; one of an unknown task or an older layout is refused with its name. */
    static EvalResult read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), EvalResult.class);
        } catch (IOException e) {
            throw new TailsException(file + ": not a results file of this version: " + e.getMessage(), e);
        }
    }
}
