package dev.tails.eval;

import dev.tails.TailsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the SentEval layouts of the similarity benchmarks, under one senteval folder:
 * STS12..16 ({@code STS/STSnn-en-test/STS.input.X.txt} sentence pairs + {@code STS.gs.X.txt} scores,
 * empty where a pair was not scored), STS-B ({@code STS/STSBenchmark/sts-test.csv}, score in field 5)
 * and SICK-R ({@code SICK/SICK_test_annotated.txt}, header line, relatedness in field 4).
 */
public final class StsData {
    public static final List<String> SETS = List.of("sts12", "sts13", "sts14", "sts15", "sts16", "sts-b", "sick-r");

    private StsData() {
    }

    /** The subsets of one benchmark, each cut to its first {@code limit} pairs (0 = all). */
    public static List<StsSubset> read(Path senteval, String set, int limit) {
        return switch (set) {
            case "sts-b" -> List.of(stsBenchmark(senteval.resolve("STS/STSBenchmark/sts-test.csv"), limit));
            case "sick-r" -> List.of(sick(senteval.resolve("SICK/SICK_test_annotated.txt"), limit));
            default -> {
                if (!SETS.contains(set)) {
                    throw new TailsException("unknown STS set '" + set + "' (" + String.join(", ", SETS) + ")");
                }
                yield year(senteval.resolve("STS/STS" + set.substring(3) + "-en-test"), limit);
            }
        };
    }

    /** Every STS.gs.X.txt with its STS.input.X.txt (not the ALL file, whose inputs are the others'). */
    static List<StsSubset> year(Path dir, int limit) {
        if (!Files.isDirectory(dir)) {
            throw new TailsException(dir + ": STS folder not found");
        }
        List<StsSubset> subsets = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path gs : files.filter(f -> f.getFileName().toString().matches("STS\\.gs\\..+\\.txt")).sorted().toList()) {
                String name = gs.getFileName().toString().replaceAll("^STS\\.gs\\.|\\.txt$", "");
                Path input = dir.resolve("STS.input." + name + ".txt");
                if (!name.equals("ALL") && Files.exists(input)) {
                    subsets.add(new StsSubset(dir.getFileName() + "/" + name, scoredPairs(input, gs, limit)));
                }
            }
        } catch (IOException e) {
            throw new TailsException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (subsets.isEmpty()) {
            throw new TailsException(dir + ": no STS.gs.X.txt with a matching STS.input.X.txt");
        }
        return subsets;
    }

    /** Pairs whose gold line is not empty, as SentEval keeps them. */
    static List<StsPair> scoredPairs(Path input, Path gs, int limit) {
        List<String> inputs = DataFile.lines(input);
        List<String> scores = DataFile.lines(gs);
        if (scores.size() > inputs.size()) {
            throw new TailsException(gs + ": " + scores.size() + " scores for " + inputs.size() + " pairs in " + input);
        }
        List<StsPair> pairs = new ArrayList<>();
        for (int i = 0; i < scores.size() && (limit <= 0 || pairs.size() < limit); i++) {
            if (!scores.get(i).isBlank()) {
                String[] f = DataFile.fields(input, i + 1, inputs.get(i), 2);
                pairs.add(new StsPair(f[0], f[1], DataFile.number(gs, i + 1, scores.get(i), "score")));
            }
        }
        return pairs;
    }

    static StsSubset stsBenchmark(Path file, int limit) {
        return columns("STS-B test", file, false, 4, 5, 6, limit);
    }

    static StsSubset sick(Path file, int limit) {
        return columns("SICK-R test", file, true, 3, 1, 2, limit);
    }

    private static StsSubset columns(String name, Path file, boolean header, int score, int first, int second, int limit) {
        List<String> lines = DataFile.lines(file);
        List<StsPair> pairs = new ArrayList<>();
        int needed = Math.max(score, Math.max(first, second)) + 1;
        for (int i = header ? 1 : 0; i < lines.size() && (limit <= 0 || pairs.size() < limit); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = DataFile.fields(file, i + 1, lines.get(i), needed);
            pairs.add(new StsPair(f[first], f[second], DataFile.number(file, i + 1, f[score], "score")));
        }
        return new StsSubset(name, pairs);
    }
}
