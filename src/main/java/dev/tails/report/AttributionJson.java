package dev.tails.report;

import dev.tails.TailsException;
import dev.tails.attribution.Attribution;
import dev.tails.attribution.UnitMean;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The attribution JSON `tails attribute --json` writes (and the Spark job, so the two compare field by
 * field): exactly the fields of DESIGN.md §6, in its order.
 *
 * @param layer the block
 * @param dim the dim of its output
 * @param tokens the tokens averaged over
 * @param value the mean of the dim
 * @param neurons the top neurons by |mean|
 * @param heads the top heads by |mean|
 */
public record AttributionJson(int layer, int dim, long tokens, double value, List<UnitMean> neurons,
                              List<UnitMean> heads) {
    /**
     * The file's fields of an attribution.
     *
     * @param a the attribution
     * @return its JSON record
     */
    public static AttributionJson of(Attribution a) {
        return new AttributionJson(a.layer(), a.dim(), a.tokens(), a.value(), a.neurons(), a.heads());
    }

    /**
     * Writes the file, pretty-printed as the CLI writes it.
     *
     * @param file the JSON file
     */
    public void write(Path file) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new TailsException(file + ": cannot write the attribution JSON: " + e.getMessage(), e);
        }
    }
}
