package dev.tails.io.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The Hub's URLs, encoded as huggingface_hub's hf_hub_url encodes them (urllib's quote). */
final class HubUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HubUrls() {
    }

    /** {@code GET} answers with the commit of the revision and the repo's files there. */
    static URI revision(String endpoint, RepoId repo) {
        return URI.create(endpoint + "/api/models/" + repo.id() + "/revision/" + quote(repo.revision(), false));
    }

    static URI file(String endpoint, RepoId repo, String commit, String file) {
        return URI.create(endpoint + "/" + repo.id() + "/resolve/" + commit + "/" + quote(file, true));
    }

    /** Percent-encodes all but RFC 3986's unreserved characters (and '/', when it separates folders). */
    static String quote(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0
                    || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }
}
