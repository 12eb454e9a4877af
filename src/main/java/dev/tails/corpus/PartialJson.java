package dev.tails.corpus;

import com.fasterxml.jackson.core.JacksonException;
import dev.tails.TailsException;
import dev.tails.io.Json;

/** A partial's file as JSON text and back, with the errors every kind of partial speaks alike. */
public final class PartialJson {
    private PartialJson() {
    }

    /**
     * Writes a partial's file record (doubles in their shortest exact form, so they read back bit for bit).
     *
     * @param file the record holding the key's fields and the sums
     * @param pretty whether to indent (partials a person may read) or not (partials of per-item values)
     * @param name which partial, for an error ("sts", "attribution")
     * @return the JSON text
     */
    public static String write(Object file, boolean pretty, String name) {
        try {
            return (pretty ? Json.MAPPER.writerWithDefaultPrettyPrinter() : Json.MAPPER.writer()).writeValueAsString(file);
        } catch (JacksonException e) {
            throw new TailsException(name + " partial: cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a partial's file record.
     *
     * @param json the text
     * @param type the record type
     * @param name which partial, for an error ("sts", "attribution")
     * @param <T> the record type
     * @return the record
     * @throws TailsException when the text is not JSON of that record
     */
    public static <T> T read(String json, Class<T> type, String name) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new TailsException("not a tails " + name + " partial (" + e.getOriginalMessage() + ")", e);
        }
    }
}
