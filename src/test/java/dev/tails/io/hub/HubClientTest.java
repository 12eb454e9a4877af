package dev.tails.io.hub;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.TinyModels;
import dev.tails.io.Checkpoint;
import dev.tails.model.EncoderOutput;
import dev.tails.model.ForwardHooks;
import dev.tails.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tails.io.hub.TestRepos.SHARDED;
import static dev.tails.io.hub.TestRepos.SHARDED_COMMIT;
import static dev.tails.io.hub.TestRepos.TINY;
import static dev.tails.io.hub.TestRepos.TINY_COMMIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hub client against {@link FakeHub}: the cache it writes, what it loads, and how it fails. */
class HubClientTest {
    static final HubTimings FAST = new HubTimings(Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(5));

    @TempDir
    Path dir;
    Path cache;
    FakeHub hub;
    final RecordingProgress progress = new RecordingProgress();
    final List<String> stages = progress.stages;

    @BeforeEach
    void startHub() throws IOException {
        cache = dir.resolve("hf/hub");
        hub = FakeHub.start().repo(TINY, TINY_COMMIT, TestRepos.tinyBert())
                .repo(SHARDED, SHARDED_COMMIT, TestRepos.shardedTinyBert(Files.createDirectory(dir.resolve("shards"))));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private HubEnvironment env(String... more) {
        Map<String, String> vars = new HashMap<>(Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HUB_CACHE", cache.toString()));
        for (int i = 0; i < more.length; i += 2) {
            vars.put(more[i], more[i + 1]);
        }
        return HubEnvironment.of(vars, dir.resolve("home"));
    }

    private Path snapshot(String id, HubEnvironment env) {
        return new HubClient(env, progress, FAST).snapshot(RepoId.parse(id));
    }

    /** Every file under root: links with their target, refs with their content. */
    static List<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<String> lines = new ArrayList<>();
            for (Path p : paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String name = root.relativize(p).toString();
                lines.add(Files.isSymbolicLink(p) ? name + " -> " + Files.readSymbolicLink(p)
                        : name.contains("/refs/") ? name + " = " + Files.readString(p) : name);
            }
            return lines.stream().sorted().toList();
        }
    }

    /**
     * What huggingface_hub's snapshot_download leaves for the same repo (file_download.py): blobs named
     * by etag (git sha1 of small files, sha256 of LFS files, each checked here with git hash-object
     * and sha256sum), relative links one ../ deeper per subfolder, refs/main holding the commit, a
     * lock file per blob. README.md, the pickle and the Dense module's folder are not fetched.
     */
    static final String TINY_TREE = """
            .locks/models--tails-test--tiny-bert/357133f6beecb2aeef5118809da6a74ff561e89f.lock
            .locks/models--tails-test--tiny-bert/573fb96f3d24d514743d69c1462353b862bece8094ef909d9dbeff26ba58adc0.lock
            .locks/models--tails-test--tiny-bert/725867f9c8d9e7ebf8a9e7e0f57d0f649444d979.lock
            .locks/models--tails-test--tiny-bert/9d549ea82b3390cea92a88121a7bf11500e0ea36.lock
            .locks/models--tails-test--tiny-bert/9e26dfeeb6e641a33dae4961196235bdb965b21b.lock
            .locks/models--tails-test--tiny-bert/a53cbf8628b6faf239f2287ba7798041fbaf8b62.lock
            .locks/models--tails-test--tiny-bert/c1f3f098058b6e60c74afaa1142700d0208ec8ae.lock
            .locks/models--tails-test--tiny-bert/e5f8b68208a934cb67284e306f81e8cde7b2eba5.lock
            .locks/models--tails-test--tiny-bert/eabeb69f0cad4be98a42082463b3df1494e187b0.lock
            .locks/models--tails-test--tiny-bert/fb140275c155a9c7c5a3b3e0e77a9e839594a938.lock
            models--tails-test--tiny-bert/blobs/357133f6beecb2aeef5118809da6a74ff561e89f
            models--tails-test--tiny-bert/blobs/573fb96f3d24d514743d69c1462353b862bece8094ef909d9dbeff26ba58adc0
            models--tails-test--tiny-bert/blobs/725867f9c8d9e7ebf8a9e7e0f57d0f649444d979
            models--tails-test--tiny-bert/blobs/9d549ea82b3390cea92a88121a7bf11500e0ea36
            models--tails-test--tiny-bert/blobs/9e26dfeeb6e641a33dae4961196235bdb965b21b
            models--tails-test--tiny-bert/blobs/a53cbf8628b6faf239f2287ba7798041fbaf8b62
            models--tails-test--tiny-bert/blobs/c1f3f098058b6e60c74afaa1142700d0208ec8ae
            models--tails-test--tiny-bert/blobs/e5f8b68208a934cb67284e306f81e8cde7b2eba5
            models--tails-test--tiny-bert/blobs/eabeb69f0cad4be98a42082463b3df1494e187b0
            models--tails-test--tiny-bert/blobs/fb140275c155a9c7c5a3b3e0e77a9e839594a938
            models--tails-test--tiny-bert/refs/main = 4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/1_Pooling/config.json -> ../../../blobs/725867f9c8d9e7ebf8a9e7e0f57d0f649444d979
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/3_Normalize/config.json -> ../../../blobs/9e26dfeeb6e641a33dae4961196235bdb965b21b
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/config.json -> ../../blobs/c1f3f098058b6e60c74afaa1142700d0208ec8ae
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/model.safetensors -> ../../blobs/573fb96f3d24d514743d69c1462353b862bece8094ef909d9dbeff26ba58adc0
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/modules.json -> ../../blobs/eabeb69f0cad4be98a42082463b3df1494e187b0
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/sentence_bert_config.json -> ../../blobs/357133f6beecb2aeef5118809da6a74ff561e89f
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/special_tokens_map.json -> ../../blobs/9d549ea82b3390cea92a88121a7bf11500e0ea36
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/tokenizer.json -> ../../blobs/e5f8b68208a934cb67284e306f81e8cde7b2eba5
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/tokenizer_config.json -> ../../blobs/a53cbf8628b6faf239f2287ba7798041fbaf8b62
            models--tails-test--tiny-bert/snapshots/4f1c2b9e0d7a3c5e8b6f1a2d9c0e7b3a5f8d2c61/vocab.txt -> ../../blobs/fb140275c155a9c7c5a3b3e0e77a9e839594a938
            """;

    @Test
    void cacheTreeIsHuggingfaceHubsLayout() throws IOException {
        Path snapshot = snapshot(TINY, env());
        assertEquals(cache.resolve("models--tails-test--tiny-bert/snapshots/" + TINY_COMMIT), snapshot);
        assertEquals(TINY_TREE.lines().toList(), tree(cache));
        Map<String, byte[]> served = TestRepos.tinyBert();
        for (String file : List.of("config.json", "model.safetensors", "1_Pooling/config.json")) {
            assertArrayEquals(served.get(file), Files.readAllBytes(snapshot.resolve(file)), file);
        }
    }

    @Test
    void snapshotLoadsAndRunsExactlyAsTinyBert() {
        assertSameForward(Model.load(snapshot(TINY, env())));
    }

    @Test
    void shardedSnapshotLoadsThroughItsLinksIntoBlobs() throws IOException {
        Path snapshot = snapshot(SHARDED, env());
        Map<String, byte[]> served = TestRepos.shardedTinyBert(Files.createDirectory(dir.resolve("again")));
        for (String shard : List.of(TestRepos.SHARD_1, TestRepos.SHARD_2)) {
            assertEquals(Path.of("../../blobs/" + FakeHub.sha256(served.get(shard))), Files.readSymbolicLink(snapshot.resolve(shard)));
        }
        try (Checkpoint sharded = Checkpoint.open(snapshot);
             Checkpoint single = Checkpoint.open(TestFiles.resource("models/tiny-bert"))) {
            assertEquals(single.names(), sharded.names());
        }
        assertSameForward(Model.load(snapshot));
    }

    private static void assertSameForward(Model model) {
        Model direct = TinyModels.tinyBert();
        EncoderOutput expected = direct.forward(TinyModels.batch(direct), ForwardHooks.NONE);
        EncoderOutput actual = model.forward(TinyModels.batch(model), ForwardHooks.NONE);
        assertArrayEquals(expected.hiddenStates(), actual.hiddenStates());
        assertArrayEquals(expected.pooled(), actual.pooled());
    }

    @Test
    void secondRunFindsEverythingInTheCacheAndAsksOnlyForTheCommit() {
        Path first = snapshot(TINY, env());
        int before = hub.requests().size();
        assertEquals(first, snapshot(TINY, env()));
        List<FakeHub.Request> second = hub.requests().subList(before, hub.requests().size());
        assertEquals(1, second.size(), second.toString());
        assertTrue(second.getFirst().path().endsWith("/revision/main"), second.toString());
    }

    @Test
    void offlineModeUsesTheCacheWithoutARequest() {
        Path online = snapshot(TINY, env());
        int before = hub.requests().size();
        assertEquals(online, snapshot(TINY, env("HF_HUB_OFFLINE", "1")));
        assertEquals(online, snapshot(TINY + "@" + TINY_COMMIT, env("HF_HUB_OFFLINE", "1")), "a commit names its snapshot");
        assertEquals(before, hub.requests().size());
        Model.load(online);
    }

    @Test
    void offlineModeNamesTheMissingRepo() {
        TailsException e = assertThrows(TailsException.class, () -> snapshot(SHARDED, env("HF_HUB_OFFLINE", "1")));
        assertMessage(e, "HF_HUB_OFFLINE", SHARDED + "@main", cache.toString(), "fetch hf:" + SHARDED);
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void unreachableHubFallsBackToTheCacheOrSaysItCannotReachIt() {
        Path online = snapshot(TINY, env());
        HubEnvironment env = env();
        hub.close();
        assertEquals(online, snapshot(TINY, env));
        assertTrue(stages.getLast().contains("using the cached snapshot"), stages.getLast());
        HubUnreachableException e = assertThrows(HubUnreachableException.class, () -> snapshot(SHARDED, env));
        assertMessage(e, SHARDED, "cannot reach", "HF_HUB_OFFLINE");
    }

    @Test
    void revisionGivenAsCommitWritesNoRef() throws IOException {
        Path snapshot = snapshot(TINY + "@" + TINY_COMMIT, env());
        assertEquals(cache.resolve("models--tails-test--tiny-bert/snapshots/" + TINY_COMMIT), snapshot);
        assertFalse(Files.exists(cache.resolve("models--tails-test--tiny-bert/refs")), tree(cache).toString());
    }

    @Test
    void corruptedBlobIsRefusedAndNothingOfItIsKept() throws IOException {
        hub.corrupt("model.safetensors");
        String sha = FakeHub.sha256(TestRepos.tinyBert().get("model.safetensors"));
        TailsException e = assertThrows(TailsException.class, () -> snapshot(TINY, env()));
        assertMessage(e, TINY, "model.safetensors", "sha256 mismatch", "expected " + sha, "got ");
        Path repo = cache.resolve("models--tails-test--tiny-bert");
        assertFalse(Files.exists(repo.resolve("blobs/" + sha)));
        assertFalse(Files.exists(repo.resolve("blobs/" + sha + ".incomplete")));
        assertFalse(Files.exists(repo.resolve("snapshots/" + TINY_COMMIT + "/model.safetensors"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void connectionCutHalfwayLeavesNoBlobAndTheNextRunResumesIt() throws IOException {
        hub.cutHalfway("model.safetensors", 1);
        byte[] weights = TestRepos.tinyBert().get("model.safetensors");
        String sha = FakeHub.sha256(weights);
        HubUnreachableException e = assertThrows(HubUnreachableException.class, () -> snapshot(TINY, env()));
        assertMessage(e, TINY, "model.safetensors", "run again to resume");
        Path blobs = cache.resolve("models--tails-test--tiny-bert/blobs");
        assertFalse(Files.exists(blobs.resolve(sha)), "no blob from half a download");
        assertTrue(Files.size(blobs.resolve(sha + ".incomplete")) > 0, "the half is kept to resume");

        Model.load(snapshot(TINY, env()));
        assertArrayEquals(weights, Files.readAllBytes(blobs.resolve(sha)));
        assertFalse(Files.exists(blobs.resolve(sha + ".incomplete")));
        FakeHub.Request resumed = hub.requests().stream().filter(r -> r.server().equals("cdn")).toList().getLast();
        assertTrue(resumed.header("Range").matches("bytes=[1-9][0-9]*-"), resumed.headers().toString());
    }

    @Test
    void stalledServerIsGivenUpOnInTimeAndTheNextRunResumes() throws IOException {
        hub.stallHalfway("model.safetensors");
        HubTimings impatient = new HubTimings(FAST.backoff(), Duration.ofSeconds(1), FAST.lockWait(), FAST.progressEvery());
        long start = System.nanoTime();
        HubUnreachableException e = assertThrows(HubUnreachableException.class,
                () -> new HubClient(env(), Progress.SILENT, impatient).snapshot(RepoId.parse(TINY)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "gave up in time");
        assertMessage(e, "model.safetensors", "no data from 127.0.0.1 for 1 s", "run again to resume");
        Model.load(snapshot(TINY, env()));
    }

    @Test
    void serverSendingMoreThanAnnouncedIsRefusedAndNothingKept() {
        hub.understateSize("model.safetensors", 10);
        TailsException e = assertThrows(TailsException.class, () -> snapshot(TINY, env()));
        assertMessage(e, TINY, "model.safetensors", "sent more than");
        Path blobs = cache.resolve("models--tails-test--tiny-bert/blobs");
        String sha = FakeHub.sha256(TestRepos.tinyBert().get("model.safetensors"));
        assertFalse(Files.exists(blobs.resolve(sha + ".incomplete")));
        assertFalse(Files.exists(blobs.resolve(sha)));
    }

    @Test
    void renamedRepoIsFollowedOnTheHubAndCachedUnderTheNameAsked() throws IOException {
        hub.rename("tails-test/old-name", TINY);
        hub.requireToken("hf_secret");
        Path snapshot = snapshot("tails-test/old-name", env("HF_TOKEN", "hf_secret"));
        assertEquals(cache.resolve("models--tails-test--old-name/snapshots/" + TINY_COMMIT), snapshot);
        assertEquals(TINY_TREE.replace("models--tails-test--tiny-bert", "models--tails-test--old-name").lines().toList(), tree(cache));
        assertTrue(hub.count("hub", "HEAD", TINY + "/resolve/" + TINY_COMMIT + "/config.json") > 0, "the HEAD followed the 307");
    }

    @Test
    void serverIgnoringTheRangeIsDownloadedAgainFromTheStart() throws IOException {
        hub.cutHalfway("model.safetensors", 1);
        assertThrows(HubUnreachableException.class, () -> snapshot(TINY, env()));
        hub.ignoreRange();
        Path snapshot = snapshot(TINY, env());
        assertArrayEquals(TestRepos.tinyBert().get("model.safetensors"), Files.readAllBytes(snapshot.resolve("model.safetensors")));
    }

    @Test
    void unauthorizedWithoutTokenSaysToSetHfToken() {
        hub.requireToken("hf_secret");
        TailsException e = assertThrows(HubStatusException.class, () -> snapshot(TINY, env()));
        assertMessage(e, TINY, "401", "HF_TOKEN", "huggingface-cli login");
        TailsException wrong = assertThrows(HubStatusException.class, () -> snapshot(TINY, env("HF_TOKEN", "hf_wrong")));
        assertMessage(wrong, "401", "refused", "HF_TOKEN");
        assertFalse(wrong.getMessage().contains("hf_wrong"), "the token itself is never shown");
    }

    @Test
    void tokenGoesToTheHubAsBearerButNotToTheCdn() throws IOException {
        hub.requireToken("hf_secret");
        Files.createDirectories(dir.resolve("home/.cache/huggingface"));
        Files.writeString(dir.resolve("home/.cache/huggingface/token"), "hf_secret\n");
        Model.load(snapshot(TINY, env()));
        for (FakeHub.Request r : hub.requests()) {
            assertEquals(r.server().equals("hub") ? "Bearer hf_secret" : null, r.header("Authorization"), r.toString());
        }
        assertTrue(hub.count("cdn", "GET", FakeHub.sha256(TestRepos.tinyBert().get("model.safetensors"))) > 0);
    }

    @Test
    void errorStatusesNameTheRepoAndWhatToDo() {
        assertMessage(assertThrows(HubStatusException.class, () -> snapshot("tails-test/no-such-model", env())),
                "tails-test/no-such-model@main", "404", "check the id", "Repository not found");
        assertMessage(assertThrows(HubStatusException.class, () -> snapshot(TINY + "@v9", env())),
                TINY + "@v9", "404", "revision 'v9'");

        hub.fail(SHARDED_COMMIT + "/vocab.txt", 403, 1);
        assertMessage(assertThrows(HubStatusException.class, () -> snapshot(SHARDED, env())),
                SHARDED, "file vocab.txt", "403", "gated repo", "terms accepted at " + hub.endpoint() + "/" + SHARDED);

        hub.fail("/revision/main", 429, 3);
        long lookups = hub.count("hub", "GET", TINY + "/revision/main");
        HubStatusException limited = assertThrows(HubStatusException.class, () -> snapshot(TINY, env()));
        assertMessage(limited, TINY, "429", "rate limited", "after 3 attempts", "retry later");
        assertEquals(lookups + 3, hub.count("hub", "GET", TINY + "/revision/main"), "bounded retries");

        hub.fail("config.json", 503, 5);
        assertMessage(assertThrows(HubStatusException.class, () -> snapshot(TINY, env())),
                TINY, "file config.json", "503", "server error", "retry later");

        hub.fail("tokenizer.json", 500, 2);
        Model.load(snapshot(TINY, env()));
        assertTrue(stages.getLast().contains("downloaded"), "a transient 500 is retried: " + stages.getLast());
    }

    @Test
    void repoWithOnlyPickleWeightsIsRefused() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(TestRepos.tinyBert());
        files.remove("model.safetensors");
        hub.repo("tails-test/pickled", TINY_COMMIT, files);
        TailsException e = assertThrows(TailsException.class, () -> snapshot("tails-test/pickled", env()));
        assertMessage(e, "tails-test/pickled", "pytorch_model.bin", "pickle", "convert", "safetensors");
        assertEquals(0, hub.count("hub", "HEAD", "pytorch_model.bin") + hub.count("hub", "GET", "pytorch_model.bin"));
    }

    @Test
    void progressSaysWhatItDownloadsAndHowFast() {
        snapshot(TINY, env());
        assertTrue(stages.contains("downloading model.safetensors (4.1 MB)"), stages.toString());
        assertTrue(stages.stream().anyMatch(s -> s.matches("model\\.safetensors: 4\\.1 MB in .* s \\(.*B/s\\)")), stages.toString());
        assertTrue(stages.contains("downloading config.json (511 B)"), stages.toString());
        assertTrue(stages.stream().noneMatch(s -> s.startsWith("config.json:")), "no rate line for a small file: " + stages);
        assertTrue(stages.getLast().startsWith(TINY + "@main = commit " + TINY_COMMIT + ": 10 files downloaded, 0 already"
                + " in the cache; snapshot " + cache), stages.getLast());
    }

    static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
