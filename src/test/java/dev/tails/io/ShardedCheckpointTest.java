package dev.tails.io;

import dev.tails.TailsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.tails.io.SafetensorsRoundTripTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardedCheckpointTest {
    @TempDir
    Path root;
    Path model;

    @BeforeEach
    void writeShards() throws IOException {
        model = Files.createDirectory(root.resolve("model"));
        new SafetensorsWriter().putF32("a", new int[] {2}, new float[] {1, 2}).putF32("b", new int[] {1}, new float[] {3})
                .write(model.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().putF32("c", new int[] {2, 1}, new float[] {4, 5}).putF32("unlisted", new int[] {0}, new float[0])
                .write(model.resolve("model-00002-of-00002.safetensors"));
    }

    private void index(String weightMap) throws IOException {
        Files.writeString(model.resolve(Checkpoint.INDEX), "{\"metadata\":{\"total_size\":20},\"weight_map\":{" + weightMap + "}}");
    }

    @Test
    void readsTensorsFromEveryShard() throws IOException {
        index("\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00001-of-00002.safetensors\","
                + "\"c\":\"model-00002-of-00002.safetensors\"");
        try (Checkpoint c = Checkpoint.open(model)) {
            assertEquals(List.of("a", "b", "c"), List.copyOf(c.names()));
            assertArrayEquals(new float[] {1, 2}, c.floats("a", 2).data());
            assertArrayEquals(new float[] {3}, c.floats("b").data());
            assertArrayEquals(new float[] {4, 5}, c.floats("c", 2, 1).data());
            assertFalse(c.contains("unlisted"), "only the index decides what the checkpoint holds");
        }
    }

    @Test
    void tensorMissingFromItsShardIsRefused() throws IOException {
        index("\"a\":\"model-00002-of-00002.safetensors\"");
        var e = assertThrows(TailsException.class, () -> Checkpoint.open(model));
        assertMessage(e, "'a'", "absent from its shard", "model-00002-of-00002.safetensors");
    }

    @Test
    void shardOutsideTheFolderIsRefused() throws IOException {
        new SafetensorsWriter().putF32("a", new int[] {1}, new float[1]).write(root.resolve("outside.safetensors"));
        index("\"a\":\"../outside.safetensors\"");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(model)), "../outside.safetensors", "leaves the model folder");
        index("\"a\":\"" + root.resolve("outside.safetensors") + "\"");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(model)), "outside.safetensors", "relative");
        Files.createSymbolicLink(model.resolve("link.safetensors"), root.resolve("outside.safetensors"));
        index("\"a\":\"link.safetensors\"");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(model)), "link.safetensors", "outside the model folder");
    }

    /** A snapshot of the Hugging Face cache links its files into its repo's blobs/: those shards load, others stay out. */
    @Test
    void snapshotShardsMayLinkIntoTheirOwnRepoBlobsOnly() throws IOException {
        Path repo = root.resolve("hub/models--org--name");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/0123456789abcdef0123456789abcdef01234567"));
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Files.move(model.resolve("model-00001-of-00002.safetensors"), blobs.resolve("b1"));
        Files.createSymbolicLink(snapshot.resolve("model-00001-of-00002.safetensors"), Path.of("../../blobs/b1"));
        Files.writeString(blobs.resolve("idx"), "{\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\"}}");
        Files.createSymbolicLink(snapshot.resolve(Checkpoint.INDEX), Path.of("../../blobs/idx"));
        try (Checkpoint c = Checkpoint.open(snapshot)) {
            assertArrayEquals(new float[] {1, 2}, c.floats("a", 2).data());
        }

        Path otherRepo = Files.createDirectories(root.resolve("hub/models--org--other/blobs"));
        Files.move(model.resolve("model-00002-of-00002.safetensors"), otherRepo.resolve("b2"));
        Files.createSymbolicLink(snapshot.resolve("model-00002-of-00002.safetensors"), otherRepo.resolve("b2"));
        Files.writeString(blobs.resolve("idx"), "{\"weight_map\":{\"c\":\"model-00002-of-00002.safetensors\"}}");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(snapshot)),
                "model-00002-of-00002.safetensors", "outside the model folder", "blobs");
    }

    @Test
    void missingShardOrBadIndexIsNamed() throws IOException {
        index("\"a\":\"model-00009-of-00009.safetensors\"");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(model)), "model-00009-of-00009.safetensors");
        Files.writeString(model.resolve(Checkpoint.INDEX), "{\"weight_map\":[]}");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(model)), Checkpoint.INDEX, "'weight_map' object");
        Files.writeString(model.resolve(Checkpoint.INDEX), "{\"weight_map\":{\"a\":7}}");
        assertMessage(assertThrows(TailsException.class, () -> Checkpoint.open(model)), "'a'", "must be a file name");
    }

    @Test
    void folderWithoutWeightsIsNamed() {
        var e = assertThrows(TailsException.class, () -> Checkpoint.open(root));
        assertMessage(e, root.toString(), Checkpoint.SINGLE, Checkpoint.INDEX);
        assertTrue(e.getMessage().contains("neither"));
    }
}
