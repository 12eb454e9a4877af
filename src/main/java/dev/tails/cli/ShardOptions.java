package dev.tails.cli;

import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TextLines;
import dev.tails.shard.OutputIndex;
import dev.tails.shard.ShardFormat;
import dev.tails.shard.ShardJob;
import dev.tails.shard.ShardPlan;
import dev.tails.shard.ShardedRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sharded output: an --out whose name has no extension (or an existing folder) is written part by part as the corpus streams. */
final class ShardOptions {
    private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--shard-texts", defaultValue = "1000", paramLabel = "N",
            description = "Texts per part of a sharded output (default: ${DEFAULT-VALUE}); a part is held in memory until written.")
    int textsPerShard;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Write only parts I, I+N, I+2N, ... (N machines split a corpus; `tails merge` joins their indexes).")
    String shard;

    @Option(names = "--shard-format", defaultValue = "safetensors", paramLabel = "FORMAT",
            description = "File format of the parts: safetensors (default) or npz (numpy.load); index.json either way.")
    String format;

    @Option(names = "--resume", description = "Keep the parts an interrupted run of the same job completed; do the rest.")
    boolean resume;

    static boolean isFolder(Path out) {
        return Files.isDirectory(out) || !out.getFileName().toString().contains(".");
    }

    ShardPlan plan() {
        if (textsPerShard < 1) {
            throw BadArgument.of(spec, "--shard-texts must be at least 1, got " + textsPerShard);
        }
        if (shard == null) {
            return ShardPlan.all(textsPerShard);
        }
        Matcher m = SHARD.matcher(shard);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(1)) >= Integer.parseInt(m.group(2))) {
            throw BadArgument.of(spec, "--shard takes I/N with 0 <= I < N, e.g. 0/4; got '" + shard + "'");
        }
        return new ShardPlan(textsPerShard, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private ShardFormat format() {
        return switch (format) {
            case "safetensors" -> ShardFormat.SAFETENSORS;
            case "npz" -> ShardFormat.NPZ;
            default -> throw BadArgument.of(spec, "--shard-format takes safetensors or npz, got '" + format + "'");
        };
    }

    /** Streams the input into parts under out; settings name what the job computes (checked on --resume). */
    OutputIndex run(CorpusRunner runner, Path input, Path out, String job, Map<String, String> settings,
                    ShardJob shardJob) {
        Map<String, String> all = new TreeMap<>(settings);
        all.put("batch_size", Integer.toString(runner.batchSize()));
        all.put("truncate", Boolean.toString(runner.truncates()));
        all.put("hidden_act", runner.model().config().activation().toString());
        try (TextLines lines = TextLines.open(input)) {
            return new ShardedRun(runner, plan(), out, job, all, format()).run(lines, shardJob, resume,
                    new StderrProgress());
        }
    }
}
