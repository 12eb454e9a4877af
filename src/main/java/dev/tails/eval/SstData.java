package dev.tails.eval;

import dev.tails.TailsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SentEval's SST files: binary {@code SST/binary/sentiment-SPLIT} as "text TAB label",
 * fine-grained {@code SST/fine/sentiment-SPLIT} as "label SPACE text".
 */
public final class SstData {
    private SstData() {
    }

    public static int classes(String task) {
        return switch (task) {
            case "sst2" -> 2;
            case "sst5" -> 5;
            default -> throw new TailsException("task must be sst2 or sst5, not '" + task + "'");
        };
    }

    public static List<LabeledText> read(Path senteval, String task, String split, int limit) {
        boolean binary = classes(task) == 2;
        Path file = senteval.resolve("SST").resolve(binary ? "binary" : "fine").resolve("sentiment-" + split);
        List<String> lines = DataFile.lines(file);
        List<LabeledText> texts = new ArrayList<>();
        for (int i = 0; i < lines.size() && (limit <= 0 || texts.size() < limit); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int cut = binary ? line.lastIndexOf('\t') : line.indexOf(' ');
            if (cut <= 0) {
                throw DataFile.error(file, i + 1, binary ? "expected text TAB label" : "expected label SPACE text");
            }
            String text = binary ? line.substring(0, cut).strip() : line.substring(cut + 1).strip();
            String label = binary ? line.substring(cut + 1) : line.substring(0, cut);
            texts.add(new LabeledText(text, label(file, i + 1, label, classes(task))));
        }
        return texts;
    }

    private static int label(Path file, int line, String field, int classes) {
        try {
            int label = Integer.parseInt(field.strip());
            if (label >= 0 && label < classes) {
                return label;
            }
        } catch (NumberFormatException e) {
            // reported below, with the file and line
        }
        throw DataFile.error(file, line, "label '" + field + "' is not an integer in 0.." + (classes - 1));
    }
}
