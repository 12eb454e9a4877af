package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.corpus.CorpusRunner;
import dev.tails.corpus.TokenizedCorpus;
import dev.tails.io.fetch.ModelCatalog;
import dev.tails.model.Activation;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The options every command that runs a model shares. */
final class ModelOptions {
    @Option(names = "--model", defaultValue = "bert-base-cased",
            description = "Model folder, a name under weights/, or hf:ORG/NAME[@REV] from the Hugging Face Hub (default: ${DEFAULT-VALUE}).")
    String model;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Activation hiddenAct;

    @Option(names = "--hidden-act", paramLabel = "ACT",
            description = "Override config.json's hidden_act: gelu (exact erf, HF) or gelu_new (tanh, Google's graph).")
    void hiddenAct(String name) {
        try {
            hiddenAct = Activation.fromHiddenAct(name, "--hidden-act");
        } catch (TailsException e) {
            throw BadArgument.of(spec, e.getMessage());
        }
    }

    @Option(names = "--truncate", description = "Cut texts longer than the model allows instead of failing.")
    boolean truncate;

    int batchSize;

    @Option(names = "--batch-size", defaultValue = "16", description = "Texts per forward pass (default: ${DEFAULT-VALUE}).")
    void batchSize(int n) {
        if (n < 1) {
            throw BadArgument.of(spec, "--batch-size must be at least 1, got " + n);
        }
        batchSize = n;
    }

    Path folder() {
        return ModelPaths.resolve(model);
    }

    /** The model folder; a catalogued model that is not there yet is fetched first. */
    Path folderFetchingIfMissing() {
        boolean missing = !Files.isDirectory(Path.of(model)) && !Files.isDirectory(ModelPaths.weightsDir().resolve(model));
        if (missing && ModelCatalog.entries().stream().anyMatch(e -> e.name().equals(model))) {
            return FetchCommand.fetch(model, ModelPaths.weightsDir(), "mvn");
        }
        return folder();
    }

    Model load() {
        return load(folder());
    }

    /** Loads the folder and says in one line which of its tensors the model does not use (heads, or a mistake). */
    Model load(Path dir) {
        Model model = Model.load(dir, config(dir));
        Set<String> unused = model.unusedTensors();
        if (!unused.isEmpty()) {
            StderrProgress.note(unused.size() + " tensors of " + dir.getFileName() + " are not used: "
                    + String.join(", ", unused.stream().limit(5).toList()) + (unused.size() > 5 ? ", ..." : ""));
        }
        return model;
    }

    /** config.json with the --hidden-act override: enough to check hooks before loading the weights. */
    ModelConfig config(Path dir) {
        ModelConfig config = ModelConfig.load(dir);
        if (hiddenAct != null) {
            config = config.withActivation(hiddenAct);
        }
        return config;
    }

    /** The texts tokenized once (--truncate), to be run in the order given. */
    TokenizedCorpus inInputOrder(Model model, List<String> texts) {
        return TokenizedCorpus.of(model, texts, truncate, true, false);
    }

    /** The corpus runner with --batch-size and --truncate. */
    CorpusRunner runner(Model model) {
        return new CorpusRunner(model, batchSize, truncate);
    }
}
