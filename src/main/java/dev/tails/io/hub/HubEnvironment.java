package dev.tails.io.hub;

import dev.tails.TailsException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What huggingface_hub reads from the environment, read the same way so that Python and tails
 * share one cache and one login: the endpoint, the cache root, the token and offline mode.
 *
 * @param endpoint {@code HF_ENDPOINT} without a trailing slash (default {@value #DEFAULT_ENDPOINT})
 * @param cache    the hub cache root: {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
 *                 {@code ~/.cache/huggingface/hub}
 * @param token    {@code HF_TOKEN}, else the token file {@code huggingface-cli login} writes; null when none
 * @param offline  {@code HF_HUB_OFFLINE=1}: the cache only, no request at all
 */
public record HubEnvironment(String endpoint, Path cache, Token token, boolean offline) {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** huggingface_hub's ENV_VARS_TRUE_VALUES. */
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    /** A token and where it came from (named in errors); its value never appears in a message. */
    public record Token(String value, String source) {
        @Override
        public String toString() {
            return "token from " + source;
        }
    }

    public HubEnvironment {
        cache = cache.toAbsolutePath().normalize();
    }

    /** The process environment and the user's home. */
    public static HubEnvironment fromSystem() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Reads the variables huggingface_hub reads (constants.py), legacy names included, from {@code env}. */
    public static HubEnvironment of(Map<String, String> env, Path home) {
        Path xdgCache = path(env, "XDG_CACHE_HOME", home, home.resolve(".cache"));
        Path hfHome = path(env, "HF_HOME", home, xdgCache.resolve("huggingface"));
        Path cache = path(env, "HF_HUB_CACHE", home, path(env, "HUGGINGFACE_HUB_CACHE", home, hfHome.resolve("hub")));
        Path tokenFile = path(env, "HF_TOKEN_PATH", home, hfHome.resolve("token"));
        boolean offline = isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
        return new HubEnvironment(endpoint(env.get("HF_ENDPOINT")), cache, token(env, tokenFile), offline);
    }

    private static String endpoint(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_ENDPOINT;
        }
        String endpoint = value.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(endpoint);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return endpoint;
            }
        } catch (URISyntaxException e) {
            // reported below with the rule
        }
        throw new TailsException("HF_ENDPOINT '" + value + "' must be an http(s) URL such as " + DEFAULT_ENDPOINT);
    }

    private static Token token(Map<String, String> env, Path tokenFile) {
        for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
            String value = clean(env.get(name));
            if (value != null) {
                return new Token(value, name);
            }
        }
        if (!Files.isRegularFile(tokenFile)) {
            return null;
        }
        try {
            String value = clean(Files.readString(tokenFile, StandardCharsets.UTF_8));
            return value == null ? null : new Token(value, tokenFile.toString());
        } catch (IOException e) {
            throw new TailsException("cannot read the Hugging Face token file " + tokenFile + ": " + e.getMessage(), e);
        }
    }

    /** huggingface_hub's _clean_token: no surrounding whitespace, no line breaks; empty means none. */
    private static String clean(String token) {
        if (token == null) {
            return null;
        }
        String value = token.replace("\r", "").replace("\n", "").strip();
        return value.isEmpty() ? null : value;
    }

    /** A path variable with '~' expanded as os.path.expanduser does; {@code fallback} when unset or empty. */
    private static Path path(Map<String, String> env, String name, Path home, Path fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            if (value.equals("~")) {
                return home;
            }
            return value.startsWith("~/") ? home.resolve(value.substring(2)) : Path.of(value);
        } catch (InvalidPathException e) {
            throw new TailsException(name + " '" + value + "' is not a valid path: " + e.getMessage(), e);
        }
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE.contains(value.strip().toUpperCase(Locale.ROOT));
    }
}
