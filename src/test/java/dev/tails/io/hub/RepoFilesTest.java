package dev.tails.io.hub;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tails.io.hub.HubClientTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which files are fetched, and names from the Hub or from downloaded JSON that are refused. */
class RepoFilesTest {
    private static final RepoId REPO = RepoId.parse("org/name");
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    private static RevisionInfo info(String... files) {
        return new RevisionInfo(COMMIT, Set.of(files));
    }

    @Test
    void configWeightsAndTokenizerAreTakenNothingElse() {
        assertEquals(List.of("config.json", "model.safetensors", "vocab.json", "merges.txt"),
                RepoFiles.listed(info("config.json", "model.safetensors", "pytorch_model.bin", "tf_model.h5", "vocab.json",
                        "merges.txt", "README.md", "onnx/model.onnx"), REPO));
        assertEquals(List.of("config.json", "model.safetensors.index.json"),
                RepoFiles.listed(info("config.json", "model.safetensors.index.json", "pytorch_model.bin.index.json"), REPO));
    }

    @Test
    void missingConfigOrWeightsAreNamed() {
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.listed(info("model.safetensors"), REPO)),
                "org/name@main", "config.json");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.listed(info("config.json", "tf_model.h5"), REPO)),
                "org/name@main", "no model.safetensors");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.listed(info("config.json", "pytorch_model.bin.index.json"), REPO)),
                "pytorch_model.bin.index.json", "convert", "safetensors");
    }

    @Test
    void shardsMustBeFilesOfTheRepoWithSafeNames() throws IOException {
        Path index = dir.resolve("index.json");
        Files.writeString(index, "{\"weight_map\": {\"a\": \"s1.safetensors\", \"b\": \"s2.safetensors\", \"c\": \"s1.safetensors\"}}");
        assertEquals(List.of("s1.safetensors", "s2.safetensors"), RepoFiles.shards(index, info("s1.safetensors", "s2.safetensors"), REPO));
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.shards(index, info("s1.safetensors"), REPO)),
                "'s2.safetensors'", "does not have", COMMIT);
        Files.writeString(index, "{\"weight_map\": {\"a\": \"../../../../etc/passwd\"}}");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.shards(index, info("../../../../etc/passwd"), REPO)),
                "'../../../../etc/passwd'", "not a relative path inside the repo");
        Files.writeString(index, "{\"weight_map\": [1]}");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.shards(index, info(), REPO)), "'weight_map' object");
        Files.writeString(index, "{\"weight_map\": {\"a\": 3}}");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.shards(index, info(), REPO)), "'a'", "no shard file name");
        Files.writeString(index, "");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.shards(index, info(), REPO)), "is empty");
    }

    @Test
    void onlyPoolingAndNormalizeModuleFoldersAreTaken() throws IOException {
        Path modules = dir.resolve("modules.json");
        Files.writeString(modules, "[{\"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"},"
                + " {\"path\": \"1_Pool\", \"type\": \"sentence_transformers.models.Pooling\"},"
                + " {\"path\": \"2_Dense\", \"type\": \"sentence_transformers.models.Dense\"},"
                + " {\"path\": \"3_Norm\", \"type\": \"sentence_transformers.models.Normalize\"}]");
        assertEquals(List.of("1_Pool/config.json"), RepoFiles.moduleFiles(modules,
                info("1_Pool/config.json", "1_Poolx/y", "2_Dense/config.json", "2_Dense/pytorch_model.bin"), REPO));
        Files.writeString(modules, "[{\"path\": \"..\", \"type\": \"sentence_transformers.models.Pooling\"}]");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.moduleFiles(modules, info(), REPO)), "'..'");
        Files.writeString(modules, "{\"path\": \"x\"}");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.moduleFiles(modules, info(), REPO)), "array of modules");
        Files.writeString(modules, "[{\"path\": 1, \"type\": \"t\"}]");
        assertMessage(assertThrows(TailsException.class, () -> RepoFiles.moduleFiles(modules, info(), REPO)), "string 'type' and 'path'");
    }

    @Test
    void headersThatWouldNameABlobOutsideBlobsAreRefused() {
        HubFile what = new HubFile(REPO, "model.safetensors");
        for (String etag : List.of("\"../../x\"", "\".hidden\"", "\"a/b\"", "\"\"")) {
            HubHttp.Answer head = answer(Map.of("X-Repo-Commit", COMMIT, "ETag", etag, "Content-Length", "3"));
            assertMessage(assertThrows(TailsException.class, () -> FileMetadata.of(head, what, COMMIT)), "ETag", "cannot name a file");
        }
        assertMessage(assertThrows(TailsException.class, () -> FileMetadata.of(answer(Map.of("ETag", "\"abc\"", "Content-Length", "3")),
                what, COMMIT)), "X-Repo-Commit", "HF_ENDPOINT");
        assertMessage(assertThrows(TailsException.class, () -> FileMetadata.of(answer(Map.of("X-Repo-Commit", COMMIT, "ETag", "\"abc\"",
                "Content-Length", "-1")), what, COMMIT)), "'-1'", "byte count");
        FileMetadata weak = FileMetadata.of(answer(Map.of("X-Repo-Commit", COMMIT, "ETag", "W/\"abc\"", "Content-Length", "3")), what, COMMIT);
        assertEquals("abc", weak.etag());
    }

    private static HubHttp.Answer answer(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new HubHttp.Answer(200, HttpHeaders.of(multi, (k, v) -> true), URI.create("http://127.0.0.1/org/name/resolve/x/f"));
    }

    @Test
    void revisionAnswerParsesShaAndSiblings() {
        RevisionInfo info = RevisionInfo.parse(("{\"sha\": \"" + COMMIT + "\", \"siblings\": [{\"rfilename\": \"config.json\","
                + " \"size\": 3}], \"extra\": {\"ignored\": true}}").getBytes(StandardCharsets.UTF_8), REPO);
        assertEquals(new RevisionInfo(COMMIT, Set.of("config.json")), info);
        for (String bad : List.of("", "[]", "{\"sha\": \"abc\", \"siblings\": []}", "{\"sha\": \"" + COMMIT + "\"}",
                "{\"sha\": \"" + COMMIT + "\", \"siblings\": [{\"name\": 1}]}", "{\"sha\": 1, \"sha\": 2}")) {
            TailsException e = assertThrows(TailsException.class, () -> RevisionInfo.parse(bad.getBytes(StandardCharsets.UTF_8), REPO));
            assertMessage(e, "the Hub's answer for org/name@main");
        }
    }
}
