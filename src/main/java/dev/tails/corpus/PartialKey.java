package dev.tails.corpus;

import dev.tails.TailsException;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What made a partial result (sums and counts over part of a corpus): its kind, format version, model and
 * every setting that changes the numbers. Two partials merge only when their keys are equal.
 *
 * @param format the file format version, {@link #FORMAT}
 * @param kind what the partial is of ("attribute", an evaluation, the study)
 * @param model the model folder's name
 * @param settings the model's shape and activation, truncation, and the job's own settings, as text
 */
public record PartialKey(String format, String kind, String model, SortedMap<String, String> settings) implements Serializable {
    public static final String FORMAT = "tails-partial/1";

    /** Keeps the settings sorted, so files list them in one order and equal keys are equal records. */
    public PartialKey {
        settings = new TreeMap<>(settings);
    }

    /**
     * The key of a job run through {@code runner}: the model's name and shape, truncation, and the job's settings.
     *
     * @param kind what the partial is of
     * @param runner the runner (model and truncation)
     * @param job the job's own settings
     * @return the key
     */
    public static PartialKey of(String kind, CorpusRunner runner, Map<String, String> job) {
        Model model = runner.model();
        ModelConfig c = model.config();
        SortedMap<String, String> settings = new TreeMap<>(job);
        settings.put("model.layers", Integer.toString(c.numLayers()));
        settings.put("model.hidden", Integer.toString(c.hiddenSize()));
        settings.put("model.intermediate", Integer.toString(c.intermediateSize()));
        settings.put("model.heads", Integer.toString(c.numHeads()));
        settings.put("model.activation", c.activation().name());
        settings.put("truncate", Boolean.toString(runner.truncates()));
        return new PartialKey(FORMAT, kind, model.folder().getFileName().toString(), settings);
    }

    /**
     * Refuses a partial of another format, kind, model or settings, naming every difference.
     *
     * @param other the partial to merge with this one
     * @param where what {@code other} is, for the message (a file, "the second partial")
     */
    public void checkSame(PartialKey other, String where) {
        List<String> differences = new ArrayList<>();
        differ(differences, "format", format, other.format);
        differ(differences, "kind", kind, other.kind);
        differ(differences, "model", model, other.model);
        TreeMap<String, String> names = new TreeMap<>(settings);
        names.putAll(other.settings);
        names.keySet().forEach(name -> differ(differences, name, settings.get(name), other.settings.get(name)));
        if (!differences.isEmpty()) {
            throw new TailsException(where + ": cannot merge partials made differently: " + String.join(", ", differences));
        }
    }

    /**
     * The key read from a partial file, refused unless it is of this format and the expected kind.
     *
     * @param format the file's format
     * @param kind the file's kind
     * @param model the file's model
     * @param settings the file's settings
     * @param expected the kind the reader reads
     * @return the key
     * @throws TailsException naming the format or kind, or the missing field
     */
    public static PartialKey read(String format, String kind, String model, SortedMap<String, String> settings, String expected) {
        if (!FORMAT.equals(format) || !expected.equals(kind)) {
            throw new TailsException("not a tails " + expected + " partial: format '" + format + "', kind '" + kind
                    + "' (expected " + FORMAT + ", " + expected + ")");
        }
        if (model == null || settings == null) {
            throw new TailsException(kind + " partial: the model and settings are required");
        }
        return new PartialKey(format, kind, model, settings);
    }

    /**
     * A setting, refused by name when missing (a hand-edited file).
     *
     * @param name the setting
     * @return its value
     */
    public String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new TailsException(kind + " partial: setting '" + name + "' is missing");
        }
        return value;
    }

    /**
     * A setting as an int, refused by name when missing or not a number.
     *
     * @param name the setting
     * @return its value
     */
    public int intSetting(String name) {
        String value = setting(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TailsException(kind + " partial: setting '" + name + "' is '" + value + "', not an integer");
        }
    }

    private static void differ(List<String> differences, String name, String mine, String theirs) {
        if (mine == null ? theirs != null : !mine.equals(theirs)) {
            differences.add(name + " " + quoted(mine) + " vs " + quoted(theirs));
        }
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
