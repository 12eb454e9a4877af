package dev.tails.io.hub;

import dev.tails.Progress;
import dev.tails.TailsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tails.io.hub.HubClientTest.assertMessage;
import static dev.tails.io.hub.TestRepos.TINY;
import static dev.tails.io.hub.TestRepos.TINY_COMMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two downloads of the same model at once, in two processes (each with its own file locks, as two
 * users of one cache are) and in two threads: both succeed, and each file crosses the network once,
 * because the second waits on the blob's lock and then finds the blob. The fake Hub holds the
 * weights back until both have asked for them, so the two really overlap.
 */
class ConcurrentDownloadTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    Path cache;
    FakeHub hub;

    @BeforeEach
    void startHub() throws IOException {
        cache = dir.resolve("hub");
        hub = FakeHub.start().repo(TINY, TINY_COMMIT, TestRepos.tinyBert());
        hub.holdUntilHeads("model.safetensors", 2);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void twoProcessesDownloadingTheSameModelAtOnceBothSucceed() throws Exception {
        hub.requireToken("hf_child");
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", cache.toString(),
                "HF_HOME", dir.resolve("home").toString(), "HF_TOKEN", "hf_child");
        ChildJvm first = ChildJvm.start(dir, env, HubFetchMain.class.getName(), TINY);
        ChildJvm second = ChildJvm.start(dir, env, HubFetchMain.class.getName(), "hf:" + TINY);
        for (ChildJvm child : List.of(first, second)) {
            ChildJvm.Result result = child.await();
            assertEquals(0, result.exit(), result.err());
            assertEquals(cache.resolve("models--tails-test--tiny-bert/snapshots/" + TINY_COMMIT).toString(), result.out().strip());
        }
        assertEachFileCrossedTheNetworkOnce();
    }

    @Test
    void twoThreadsDownloadingTheSameModelAtOnceBothSucceed() throws Exception {
        HubEnvironment env = HubEnvironment.of(Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", cache.toString()),
                dir.resolve("home"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> downloads = List.of(1, 2).stream()
                    .map(i -> pool.submit(() -> new HubClient(env, Progress.SILENT, HubClientTest.FAST).snapshot(RepoId.parse(TINY))))
                    .toList();
            for (Future<Path> download : downloads) {
                assertEquals(cache.resolve("models--tails-test--tiny-bert/snapshots/" + TINY_COMMIT),
                        download.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEachFileCrossedTheNetworkOnce();
    }

    private void assertEachFileCrossedTheNetworkOnce() throws IOException {
        assertEquals(HubClientTest.TINY_TREE.lines().toList(), HubClientTest.tree(cache));
        assertEquals(2, hub.count("hub", "HEAD", "/model.safetensors"), "both asked for the weights");
        Map<String, byte[]> files = TestRepos.tinyBert();
        assertEquals(1, hub.count("cdn", "GET", FakeHub.sha256(files.get("model.safetensors"))), "the weights came once");
        for (String file : List.of("config.json", "tokenizer.json", "vocab.txt", "modules.json", "1_Pooling/config.json")) {
            assertEquals(1, hub.count("hub", "GET", "/" + TINY_COMMIT + "/" + file), file + " came once");
        }
    }

    @Test
    void aHeldBlobLockKeepsAnotherProcessWaitingUntilItIsReleased() throws Exception {
        Path lockFile = dir.resolve(".locks/models--tails-test--lock/abc.lock");
        HubFile what = new HubFile(RepoId.parse("tails-test/lock"), "model.safetensors");
        try (BlobLock _ = BlobLock.acquire(lockFile, Duration.ofSeconds(5), Progress.SILENT, what)) {
            ChildJvm.Result refused = ChildJvm.start(dir, Map.of(), HubLockMain.class.getName(), lockFile.toString(), "500").await();
            assertEquals(3, refused.exit(), refused.out() + refused.err());
            assertMessage(new TailsException(refused.out()), "tails-test/lock", "gave up", lockFile.toString());

            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<BlobLock> thread = other.submit(() -> BlobLock.acquire(lockFile, Duration.ofMillis(300), Progress.SILENT, what));
                Exception e = assertThrows(Exception.class, () -> thread.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
                assertMessage(e.getCause(), "gave up", lockFile.toString());
            } finally {
                other.shutdownNow();
            }
        }
        ChildJvm.Result locked = ChildJvm.start(dir, Map.of(), HubLockMain.class.getName(), lockFile.toString(), "500").await();
        assertEquals(0, locked.exit(), locked.out() + locked.err());
        assertEquals("locked", locked.out().strip());
    }
}
