package dev.tails.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One reader of hostile input. {@link #run} feeds it one input and lets escape only what the
 * target's contract forbids; the corpus of seeds and past findings lives under
 * {@code src/test/resources/fuzz/NAME/}.
 */
interface FuzzTarget {
    Path CORPUS_ROOT = Path.of("src/test/resources/fuzz");

    /** Every target, in the order scripts/fuzz.sh runs them. */
    List<FuzzTarget> ALL = List.of(FileTargets.safetensors(), FileTargets.shardIndex(), FileTargets.tfIndex(),
            FileTargets.configJson(), FileTargets.tokenizerJson(), TokenizerTextTarget.wordPiece(), TokenizerTextTarget.bpe(),
            TokenizerTextTarget.unigram(), new ZeroSpecTarget(), new HubRevisionTarget(), FileTargets.onnx(),
            FileTargets.sentenceTransformers("st-modules", "modules.json"),
            FileTargets.sentenceTransformers("st-pooling", "1_Pooling/config.json"),
            FileTargets.sentenceTransformers("st-sentence-bert", "sentence_bert_config.json"));

    String name();

    void run(byte[] input) throws IOException;

    default Path seeds() {
        return CORPUS_ROOT.resolve(name()).resolve("seeds");
    }

    default Path findings() {
        return CORPUS_ROOT.resolve(name()).resolve("findings");
    }

    static FuzzTarget named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fuzz target '" + name + "'; known: "
                        + ALL.stream().map(FuzzTarget::name).toList()));
    }
}
