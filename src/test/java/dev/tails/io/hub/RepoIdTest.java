package dev.tails.io.hub;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tails.io.hub.HubClientTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids and revisions as huggingface_hub accepts them, and none that could leave the cache folder. */
class RepoIdTest {
    @Test
    void idRevisionAndCacheFolder() {
        RepoId plain = RepoId.parse("hf:sentence-transformers/all-MiniLM-L6-v2");
        assertEquals("sentence-transformers/all-MiniLM-L6-v2", plain.id());
        assertEquals("main", plain.revision());
        assertEquals("models--sentence-transformers--all-MiniLM-L6-v2", plain.folderName());
        assertEquals("models--bert-base-uncased", RepoId.parse("bert-base-uncased").folderName());
        assertEquals("refs/pr/1", RepoId.parse("org/name@refs/pr/1").revision());
        assertEquals("v1.0", RepoId.parse("org/name@v1.0").revision());
        assertFalse(RepoId.parse("org/name@v1.0").atCommit());
        assertTrue(RepoId.parse("org/name@0123456789abcdef0123456789abcdef01234567").atCommit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "org/", "/name", "a/b/c", "org--x/name", "org/na..me", "-org/name", "org/name-", "org/na me",
            "org/name@", "org/name@..", "org/name@a/../b", "org/name@/main", "org/name@main/", "org/name@a b",
            "org/name@a\\b", "org/name@a@b", "../../etc/passwd"})
    void malformedIdsAndRevisionsAreRefused(String text) {
        TailsException e = assertThrows(TailsException.class, () -> RepoId.parse(text));
        assertTrue(e.getMessage().contains("not a Hugging Face model id") || e.getMessage().contains("not a revision"), e.getMessage());
    }

    @Test
    void tooLongIdIsRefused() {
        assertMessage(assertThrows(TailsException.class, () -> RepoId.parse("org/" + "n".repeat(100))), "at most 96");
    }
}
