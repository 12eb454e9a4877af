package dev.tails.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.analysis.TailsPartial;
import dev.tails.attribution.AttributionPartial;
import dev.tails.eval.EvalResult;
import dev.tails.eval.StsPartial;
import dev.tails.eval.TreesPartial;
import dev.tails.eval.WicPartial;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;

/** The `--partial FILE` files of the commands, and their merge into the output one run over the union would give. */
final class PartialFiles {
    private PartialFiles() {
    }

    static void write(Path file, String json) {
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write the partial: " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read the partial: " + e.getMessage(), e);
        }
    }

    /** Merges partials of one kind in the order given and writes the result as that kind's command does. */
    static void merge(List<Path> files, Path out) {
        String kind = kind(files.getFirst());
        for (Path file : files) {
            if (!kind(file).equals(kind)) {
                throw new TailsException(file + ": a partial of '" + kind(file) + "', not of '" + kind + "' as " + files.getFirst());
            }
        }
        switch (kind) {
            case AttributionPartial.KIND ->
                    AttributeCommand.report(mergeAll(files, AttributionPartial::fromJson, AttributionPartial::merge).result(), out);
            case TailsPartial.KIND -> writeJson(out, mergeAll(files, TailsPartial::fromJson, TailsPartial::merge).result());
            case TreesPartial.KIND -> evaluation(mergeAll(files, TreesPartial::fromJson, TreesPartial::merge).result(), out);
            case StsPartial.KIND -> evaluation(mergeAll(files, StsPartial::fromJson, StsPartial::merge).result(), out);
            case WicPartial.KIND -> evaluation(mergeAll(files, WicPartial::fromJson, WicPartial::merge).result(), out);
            default -> throw new TailsException(files.getFirst() + ": partials of kind '" + kind + "' cannot be merged");
        }
    }

    private static void evaluation(EvalResult result, Path out) {
        EvalPrinter.print(result, System.out);
        EvalResult.write(result, out);
    }

    /** The first file's partial with every other file's merged in, in order; an error names its file. */
    private static <P> P mergeAll(List<Path> files, Function<String, P> fromJson, BinaryOperator<P> merge) {
        P merged = read(files.getFirst(), fromJson);
        for (Path file : files.subList(1, files.size())) {
            P next = read(file, fromJson);
            named(file, () -> merge.apply(merged, next));
        }
        return merged;
    }

    private static <P> P read(Path file, Function<String, P> fromJson) {
        String json = read(file);
        return named(file, () -> fromJson.apply(json));
    }

    static void writeJson(Path file, Object value) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Runs a step on one file's partial; its error is prefixed with the file. */
    private static <T> T named(Path file, Supplier<T> step) {
        try {
            return step.get();
        } catch (TailsException e) {
            throw new TailsException(file + ": " + e.getMessage(), e);
        }
    }

    private static String kind(Path file) {
        try {
            JsonNode kind = Json.MAPPER.readTree(read(file)).get("kind");
            if (kind == null || !kind.isTextual()) {
                throw new TailsException(file + ": not a tails partial (no \"kind\")");
            }
            return kind.asText();
        } catch (JacksonException e) {
            throw new TailsException(file + ": not a tails partial (" + e.getOriginalMessage() + ")", e);
        }
    }
}
