package dev.tails.io.onnx;

import dev.tails.TailsException;
import dev.tails.io.BertDims;
import dev.tails.io.Json;
import dev.tails.io.SafetensorsWriter;
import dev.tails.tokenize.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tails convert-onnx}: an ONNX export of a BERT encoder plus its tokenizer.json into a
 * Hugging Face model folder tails loads: config.json (sizes, activation and eps read off the
 * graph), model.safetensors (HF names, float32, Linear weights [out, in]) and tokenizer.json.
 */
public final class OnnxBertConverter {
    static final List<String> WRITTEN = List.of("config.json", "model.safetensors", "tokenizer.json");

    /** What was written: the sizes, activation and eps, the tensor count, and float initializers left out. */
    public record Report(BertDims dims, String hiddenAct, float layerNormEps, int tensors, List<String> unused) {
    }

    private OnnxBertConverter() {
    }

    /** Converts into {@code outDir} (created if needed), refusing to overwrite any file it would write. */
    public static Report convert(Path onnxFile, Path tokenizerJson, Path outDir) {
        for (String f : WRITTEN) {
            if (Files.exists(outDir.resolve(f))) {
                throw new TailsException(outDir.resolve(f) + ": exists; refusing to overwrite");
            }
        }
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new TailsException(tokenizerJson + ": no tokenizer.json there (the ONNX file holds only the network)");
        }
        OnnxBert bert = OnnxBert.read(onnxFile);
        try {
            Files.createDirectories(outDir);
            copyTokenizer(tokenizerJson, outDir, bert.dims());
            SafetensorsWriter writer = new SafetensorsWriter().putMetadata("format", "pt");
            bert.tensors().forEach(writer::putF32);
            writer.write(outDir.resolve("model.safetensors"));
            // 1e-12 as float reads back as 9.99999996e-13; write the float's shortest decimal, as the exporter meant it
            double eps = Double.parseDouble(Float.toString(bert.layerNormEps()));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(outDir.resolve("config.json").toFile(),
                    bert.dims().hfConfig("BertModel", bert.hiddenAct(), eps));
        } catch (IOException e) {
            throw new TailsException(outDir + ": cannot write the converted model (" + e.getMessage() + ")", e);
        }
        return new Report(bert.dims(), bert.hiddenAct(), bert.layerNormEps(), bert.tensors().size(), bert.unused());
    }

    /**
     * tokenizer.json beside the model or one folder up (Hugging Face repos keep ONNX files in
     * {@code onnx/}); null when neither has one.
     */
    public static Path tokenizerBeside(Path onnxFile) {
        Path here = onnxFile.toAbsolutePath().getParent();
        List<Path> folders = here.getParent() == null ? List.of(here) : List.of(here, here.getParent());
        return folders.stream().map(d -> d.resolve("tokenizer.json")).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /** Copies tokenizer.json, which must load and produce only ids the word embeddings have rows for. */
    private static void copyTokenizer(Path tokenizerJson, Path outDir, BertDims dims) throws IOException {
        Path copy = Files.copy(tokenizerJson, outDir.resolve("tokenizer.json"));
        try {
            Tokenizer tokenizer = Tokenizer.load(outDir);
            if (tokenizer.vocabSize() > dims.vocabSize()) {
                throw new TailsException(tokenizerJson + ": " + tokenizer.vocabSize() + " tokens but the word embeddings have only "
                        + dims.vocabSize() + " rows (a tokenizer of another model?)");
            }
        } catch (TailsException e) {
            Files.delete(copy);
            throw e;
        }
    }
}
