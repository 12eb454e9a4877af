package dev.tails.cli;

import dev.tails.shard.OutputIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `tails merge`: one index over the shard folders of several runs of the same job (e.g. --shard i/N on N machines). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the index.json of shard folders written by runs of one job (hidden, activations) into OUT/index.json; "
                + "the parts stay where they are and are listed by relative path.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "Shard folders (each holding index.json).")
    List<Path> runs;

    @Option(names = "--out", required = true, description = "Folder for the merged index.json.")
    Path out;

    @Override
    public Integer call() {
        OutputIndex merged = OutputIndex.merge(runs, out);
        long texts = merged.parts().stream().mapToLong(OutputIndex.Part::texts).sum();
        StderrProgress.note(String.format("merged %d parts (%,d texts) of %d runs into %s", merged.parts().size(), texts,
                runs.size(), out.resolve(OutputIndex.FILE)));
        return 0;
    }
}
