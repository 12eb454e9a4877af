package dev.tails.io.hub;

import dev.tails.TailsException;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a HEAD on {@code resolve/COMMIT/FILE} tells, read as huggingface_hub's get_hf_file_metadata
 * reads it: the blob's name (X-Linked-Etag for an LFS file: its sha256; else ETag: the git blob
 * sha1), its size (X-Linked-Size, else Content-Length) and where to GET it (Location, else the URL).
 */
record FileMetadata(String etag, long size, URI location) {
    /** The etag names a file in blobs/: it may not climb out of it or hide as a dot file. */
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    static FileMetadata of(HubHttp.Answer head, HubFile what, String commit) {
        HttpHeaders headers = head.headers();
        String servedCommit = headers.firstValue("X-Repo-Commit").orElseThrow(() -> new TailsException(what
                + ": the answer of " + head.url().getHost() + " has no X-Repo-Commit header, so it does not look like the"
                + " Hugging Face Hub: check HF_ENDPOINT and any proxy in between"));
        if (!servedCommit.equals(commit)) {
            throw new TailsException(what + ": the Hub served commit '" + servedCommit + "' for commit " + commit);
        }
        String etag = etag(first(headers, "X-Linked-Etag", "ETag")
                .orElseThrow(() -> new TailsException(what + ": the Hub sent no ETag, so the file cannot be named in the cache")));
        if (!SAFE_ETAG.matcher(etag).matches()) {
            throw new TailsException(what + ": the Hub's ETag '" + etag + "' cannot name a file in the cache");
        }
        String size = first(headers, "X-Linked-Size", "Content-Length")
                .orElseThrow(() -> new TailsException(what + ": the Hub sent no size (X-Linked-Size or Content-Length)"));
        URI location = head.status() / 100 == 3 ? head.location(what) : head.url();
        return new FileMetadata(etag, size(size, what), location);
    }

    private static Optional<String> first(HttpHeaders headers, String preferred, String fallback) {
        return headers.firstValue(preferred).or(() -> headers.firstValue(fallback));
    }

    /** huggingface_hub's _normalize_etag: no weak marker, no quotes. */
    private static String etag(String header) {
        String etag = header.strip();
        if (etag.startsWith("W/")) {
            etag = etag.substring(2);
        }
        return etag.replaceAll("^\"+|\"+$", "");
    }

    private static long size(String value, HubFile what) {
        try {
            long size = Long.parseLong(value.strip());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new TailsException(what + ": the Hub's size '" + value + "' is not a byte count");
    }
}
