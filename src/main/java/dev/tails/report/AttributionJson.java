package dev.tails.report;

import dev.tails.TailsException;
import dev.tails.attribution.Attribution;
import dev.tails.attribution.UnitMean;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The attribution JSON file `tails attribute --json` writes (and the Spark job, so the two compare field by field). */
public final class AttributionJson {
    private AttributionJson() {
    }

    /** Exactly the fields of DESIGN.md §6, in its order. */
    private record Design6(int layer, int dim, long tokens, double value, List<UnitMean> neurons, List<UnitMean> heads) {
    }

    /**
     * Writes layer, dim, tokens, value, the top neurons and heads.
     *
     * @param a the attribution
     * @param file the JSON file
     */
    public static void write(Attribution a, Path file) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
                    new Design6(a.layer(), a.dim(), a.tokens(), a.value(), a.neurons(), a.heads()));
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write the attribution JSON: " + e.getMessage(), e);
        }
    }
}
