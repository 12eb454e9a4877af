package dev.tails.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.attribution.AttributionPartial;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            case AttributionPartial.KIND -> {
                AttributionPartial merged = attribution(files.getFirst());
                for (Path file : files.subList(1, files.size())) {
                    AttributionPartial next = attribution(file);
                    named(file, () -> merged.merge(next));
                }
                AttributeCommand.report(merged.result(), out);
            }
            default -> throw new TailsException(files.getFirst() + ": partials of kind '" + kind + "' cannot be merged");
        }
    }

    private static AttributionPartial attribution(Path file) {
        String json = read(file);
        return named(file, () -> AttributionPartial.fromJson(json));
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
