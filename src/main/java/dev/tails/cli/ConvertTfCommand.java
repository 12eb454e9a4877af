package dev.tails.cli;

import dev.tails.io.tf.TfBertConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tails convert-tf SAVEDMODEL_DIR OUT_DIR}: a Google BERT SavedModel to a Hugging Face folder. */
@Command(name = "convert-tf", mixinStandardHelpOptions = true,
        description = "Convert a TensorFlow BERT SavedModel (variables/, assets/vocab.txt) into a Hugging Face "
                + "model folder: config.json, model.safetensors, vocab.txt, tokenizer_config.json.")
public final class ConvertTfCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SAVEDMODEL_DIR", description = "folder holding variables/ and assets/")
    Path savedModel;

    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "new (or empty) output folder")
    Path out;

    @Option(names = "--heads", paramLabel = "N",
            description = "attention heads (the checkpoint does not store them; default hidden size / 64, as in every Google BERT)")
    Integer heads;

    @Option(names = "--lowercase", negatable = true, paramLabel = "BOOL",
            description = "tokenizer lowercases (default: doLowerCase from assets/model.json)")
    Boolean lowerCase;

    @Override
    public Integer call() {
        StderrProgress progress = new StderrProgress();
        progress.stage("converting " + savedModel);
        var report = TfBertConverter.convert(savedModel, out, new TfBertConverter.Options(heads, lowerCase), progress::fraction);
        progress.stage("wrote " + out + ": " + report.tensors() + " tensors, " + report.dims()
                + (report.maskedLmHead() ? ", masked-LM head included" : ", no masked-LM head")
                + (report.skipped().isEmpty() ? "" : "; left out " + report.skipped()));
        return 0;
    }
}
