package dev.tails.io.hub;

import dev.tails.TailsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.tails.io.hub.HubClientTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variables read as huggingface_hub's constants.py reads them, with its precedence. */
class HubEnvironmentTest {
    @TempDir
    Path home;

    private HubEnvironment of(String... vars) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < vars.length; i += 2) {
            env.put(vars[i], vars[i + 1]);
        }
        return HubEnvironment.of(env, home);
    }

    @Test
    void cacheRootIsHfHubCacheElseHfHomeHubElseTheDefault() {
        assertEquals(home.resolve(".cache/huggingface/hub"), of().cache());
        assertEquals(home.resolve("xdg/huggingface/hub"), of("XDG_CACHE_HOME", home.resolve("xdg").toString()).cache());
        assertEquals(Path.of("/data/hf/hub"), of("HF_HOME", "/data/hf").cache());
        assertEquals(home.resolve("hf/hub"), of("HF_HOME", "~/hf").cache());
        assertEquals(Path.of("/old"), of("HF_HOME", "/data/hf", "HUGGINGFACE_HUB_CACHE", "/old").cache());
        assertEquals(Path.of("/fast/cache"), of("HF_HOME", "/data/hf", "HUGGINGFACE_HUB_CACHE", "/old", "HF_HUB_CACHE", "/fast/cache").cache());
    }

    @Test
    void endpointDefaultsToTheHubAndLosesItsTrailingSlash() {
        assertEquals("https://huggingface.co", of().endpoint());
        assertEquals("http://127.0.0.1:8080/mirror", of("HF_ENDPOINT", "http://127.0.0.1:8080/mirror/").endpoint());
        assertMessage(assertThrows(TailsException.class, () -> of("HF_ENDPOINT", "ftp://example.org")), "HF_ENDPOINT", "ftp://example.org");
        assertMessage(assertThrows(TailsException.class, () -> of("HF_ENDPOINT", "not a url")), "HF_ENDPOINT", "http(s) URL");
    }

    @Test
    void tokenIsHfTokenElseTheLoginFileAndNeverPrinted() throws IOException {
        assertNull(of().token());
        Path file = Files.createDirectories(home.resolve(".cache/huggingface")).resolve("token");
        Files.writeString(file, "  hf_fromfile\n");
        assertEquals(new HubEnvironment.Token("hf_fromfile", file.toString()), of().token());
        assertEquals("hf_fromenv", of("HF_TOKEN", "hf_fromenv").token().value());
        assertEquals("HF_TOKEN", of("HF_TOKEN", "hf_fromenv").token().source());
        assertEquals("hf_legacy", of("HUGGING_FACE_HUB_TOKEN", "hf_legacy").token().value());
        assertEquals(file.toString(), of("HF_TOKEN", " ").token().source(), "an empty HF_TOKEN is no token");
        Path elsewhere = Files.writeString(home.resolve("other-token"), "hf_other");
        assertEquals("hf_other", of("HF_TOKEN_PATH", elsewhere.toString()).token().value());
        assertFalse(of("HF_TOKEN", "hf_secret").toString().contains("hf_secret"));
    }

    @Test
    void offlineTakesHuggingfaceHubsTrueValues() {
        for (String yes : new String[] {"1", "true", "YES", "on"}) {
            assertTrue(of("HF_HUB_OFFLINE", yes).offline(), yes);
        }
        assertTrue(of("TRANSFORMERS_OFFLINE", "1").offline());
        for (String no : new String[] {"0", "false", "", "2"}) {
            assertFalse(of("HF_HUB_OFFLINE", no).offline(), no);
        }
    }
}
