package dev.tails.io.hub;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.tails.io.hub.HubClientTest.assertMessage;
import static dev.tails.io.hub.TestRepos.TINY;
import static dev.tails.io.hub.TestRepos.TINY_COMMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three doors to the Hub, each with the real process environment (so in a child JVM, whose
 * environment the test sets): {@code tails fetch hf:ID}, {@code --model hf:ID}, and
 * {@code Model.fromPretrained} (its Hub side runs in {@link ConcurrentDownloadTest}).
 */
class HubEntryPointsTest {
    private static final String MAIN = "dev.tails.cli.Main";

    @TempDir
    Path dir;

    @Test
    void fetchDownloadsIntoTheCacheAndModelTakesTheIdOfflineAfterwards() throws Exception {
        Path cache = dir.resolve("hub");
        Path snapshot = cache.resolve("models--tails-test--tiny-bert/snapshots/" + TINY_COMMIT);
        Map<String, String> online;
        try (FakeHub hub = FakeHub.start().repo(TINY, TINY_COMMIT, TestRepos.tinyBert())) {
            online = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", cache.toString(), "HF_HOME", dir.resolve("home").toString());
            ChildJvm.Result fetched = ChildJvm.start(dir, online, MAIN, "fetch", "hf:" + TINY + "@main").await();
            assertEquals(0, fetched.exit(), fetched.err());
            assertEquals(snapshot.toString(), fetched.out().strip());
            assertTrue(fetched.err().contains("tails: downloading model.safetensors (4.1 MB)"), fetched.err());
        }
        Path texts = Files.writeString(dir.resolve("texts.txt"), "Hello world\n");
        Map<String, String> offline = Map.of("HF_HUB_CACHE", cache.toString(), "HF_HOME", dir.resolve("home").toString(),
                "HF_HUB_OFFLINE", "1");
        ChildJvm.Result tokens = ChildJvm.start(dir, offline, MAIN, "tokenize", "--model", "hf:" + TINY,
                "--input", texts.toString()).await();
        assertEquals(0, tokens.exit(), tokens.err());
        assertTrue(tokens.out().startsWith("{\"ids\":[101,"), tokens.out());
    }

    @Test
    void badHubIdIsAUsageErrorAndAMissingOfflineModelIsNamed() throws Exception {
        ChildJvm.Result bad = ChildJvm.start(dir, Map.of(), MAIN, "fetch", "hf:org--x/name").await();
        assertEquals(2, bad.exit(), bad.err());
        assertMessage(new TailsException(bad.err()), "org--x/name", "not a Hugging Face model id", "Usage:");
        Map<String, String> offline = Map.of("HF_HUB_CACHE", dir.resolve("empty").toString(), "HF_HUB_OFFLINE", "1");
        ChildJvm.Result missing = ChildJvm.start(dir, offline, MAIN, "fetch", "hf:" + TINY).await();
        assertEquals(1, missing.exit(), missing.err());
        assertMessage(new TailsException(missing.err()), "HF_HUB_OFFLINE", TINY + "@main");
    }

    @Test
    void fromPretrainedTakesAFolderAsItIs() throws IOException {
        Path folder = TestFiles.resource("models/tiny-bert");
        assertEquals(folder, Model.fromPretrained(folder.toString()).folder());
        TailsException e = assertThrows(TailsException.class, () -> Model.fromPretrained(dir.resolve("no/such/folder").toString()));
        assertMessage(e, "no folder", "taken as a Hugging Face id", "not a Hugging Face model id");
    }
}
