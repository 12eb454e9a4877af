package dev.tails.eval;

import dev.tails.TailsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a WiC v1.0 split: {@code SPLIT/SPLIT.data.txt} (word, PoS, i1-i2, sentence 1, sentence 2)
 * and, when present, {@code SPLIT/SPLIT.gold.txt} (T/F per line; the test split has none).
 */
public final class WicData {
    private WicData() {
    }

    public static List<WicPair> read(Path dir, String split, int limit) {
        Path data = dir.resolve(split).resolve(split + ".data.txt");
        Path goldFile = dir.resolve(split).resolve(split + ".gold.txt");
        List<String> lines = DataFile.lines(data);
        List<String> gold = Files.exists(goldFile) ? DataFile.lines(goldFile) : null;
        if (gold != null && gold.size() != lines.size()) {
            throw new TailsException(goldFile + ": " + gold.size() + " labels for " + lines.size() + " pairs in " + data);
        }
        int n = limit > 0 ? Math.min(limit, lines.size()) : lines.size();
        List<WicPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pairs.add(parse(data, i + 1, lines.get(i), gold == null ? null : label(goldFile, i + 1, gold.get(i))));
        }
        return pairs;
    }

    private static WicPair parse(Path file, int line, String text, Boolean gold) {
        String[] f = DataFile.fields(file, line, text, 5);
        String[] indices = f[2].split("-");
        if (indices.length != 2) {
            throw DataFile.error(file, line, "word indices '" + f[2] + "' are not i1-i2");
        }
        int i1 = index(file, line, indices[0]);
        int i2 = index(file, line, indices[1]);
        checkIndex(file, line, f[3], i1);
        checkIndex(file, line, f[4], i2);
        return new WicPair(f[0], f[1], i1, i2, f[3], f[4], gold);
    }

    private static int index(Path file, int line, String field) {
        try {
            return Integer.parseInt(field.trim());
        } catch (NumberFormatException e) {
            throw DataFile.error(file, line, "word index '" + field + "' is not an integer");
        }
    }

    private static void checkIndex(Path file, int line, String sentence, int index) {
        int words = WordSpans.wordChars(sentence).length;
        if (index < 0 || index >= words) {
            throw DataFile.error(file, line, "word index " + index + " is outside the sentence (" + words + " words)");
        }
    }

    private static boolean label(Path file, int line, String text) {
        return switch (text.trim()) {
            case "T" -> true;
            case "F" -> false;
            default -> throw DataFile.error(file, line, "label '" + text + "' is neither T nor F");
        };
    }
}
