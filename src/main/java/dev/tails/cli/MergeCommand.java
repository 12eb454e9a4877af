package dev.tails.cli;

import dev.tails.shard.OutputIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `tails merge`: one index over the shard folders of several runs of the same job (e.g. --shard i/N on N
 * machines, or the per-partition folders of a Spark job, joined in partition order), or, with --partials, the result of one run over the union of the parts' corpora.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the index.json of shard folders written by runs of one job (hidden, activations, embed) into "
                + "OUT/index.json; the parts stay where they are and are listed by relative path. --shard I/N runs share one "
                + "corpus's parts; the folders of partitions (Spark's OUT/partition-*) follow each other in partition order.",
                "With --partials: combine the --partial files of runs over parts of a corpus into the result one run over "
                        + "all of it gives (OUT is then that result's JSON file)."})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FOLDER", description = "Shard folders (each holding index.json).")
    List<Path> runs = List.of();

    @Option(names = "--partials", arity = "1..*", paramLabel = "FILE",
            description = "Partial files (--partial of attribute, analyze, eval trees, sts, wic) to merge instead of shard folders.")
    List<Path> partials = List.of();

    @Option(names = "--out", required = true, description = "Folder for the merged index.json, or with --partials the result JSON file.")
    Path out;

    @Override
    public Integer call() {
        if (runs.isEmpty() == partials.isEmpty()) {
            throw BadArgument.of(spec, "give shard folders or --partials FILE..., not " + (runs.isEmpty() ? "neither" : "both"));
        }
        if (!partials.isEmpty()) {
            PartialFiles.merge(partials, out);
            System.err.printf("merged %d partials into %s%n", partials.size(), out);
            return 0;
        }
        OutputIndex merged = OutputIndex.merge(runs, out);
        long texts = merged.parts().stream().mapToLong(OutputIndex.Part::texts).sum();
        StderrProgress.note(String.format("merged %d parts (%,d texts) of %d runs into %s", merged.parts().size(), texts,
                runs.size(), out.resolve(OutputIndex.FILE)));
        return 0;
    }
}
