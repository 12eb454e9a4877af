package dev.tails.io.hub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The hash a blob's etag promises, computed over the bytes as they are written: the Hub's etag of
 * an LFS file is its sha256, of any other file its git blob sha1 (sha1 of "blob SIZE\0" + bytes).
 * An etag of another form promises nothing checkable (a mirror may send one); then only the size is checked.
 */
final class ContentDigest {
    private final String etag;
    private final long size;
    private final MessageDigest digest;

    private ContentDigest(String etag, long size, MessageDigest digest) {
        this.etag = etag.toLowerCase(Locale.ROOT);
        this.size = size;
        this.digest = digest;
        reset();
    }

    static ContentDigest forEtag(String etag, long size) {
        String algorithm = etag.matches("[0-9a-fA-F]{64}") ? "SHA-256" : etag.matches("[0-9a-fA-F]{40}") ? "SHA-1" : null;
        try {
            return new ContentDigest(etag, size, algorithm == null ? null : MessageDigest.getInstance(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** Starts over (the server ignored a Range request and sends the whole file). */
    void reset() {
        if (digest != null) {
            digest.reset();
            if (digest.getAlgorithm().equals("SHA-1")) {
                digest.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** Reads the chunk's remaining bytes without moving its position. */
    void update(ByteBuffer chunk) {
        if (digest != null) {
            digest.update(chunk.duplicate());
        }
    }

    void update(byte[] bytes, int length) {
        if (digest != null) {
            digest.update(bytes, 0, length);
        }
    }

    /** "sha256", "git sha1" or "no hash" (etag of an unknown form), for messages. */
    String kind() {
        return digest == null ? "no hash" : digest.getAlgorithm().equals("SHA-1") ? "git sha1" : "sha256";
    }

    /** The hex digest of what was fed; null when the etag promises no hash. Ends this digest. */
    String actual() {
        return digest == null ? null : HexFormat.of().formatHex(digest.digest());
    }

    boolean matches(String actual) {
        return actual == null || actual.equals(etag);
    }
}
