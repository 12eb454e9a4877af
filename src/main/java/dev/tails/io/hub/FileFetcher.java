package dev.tails.io.hub;

import dev.tails.Progress;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts one file of a commit into the cache as huggingface_hub's hf_hub_download does: nothing to
 * do when the snapshot has it; otherwise a HEAD names the blob, and under the blob's lock it is
 * downloaded (unless another process just did) and the snapshot entry is linked to it.
 */
final class FileFetcher {
    private final HubEnvironment env;
    private final HubCache cache;
    private final HubHttp http;
    private final HubTimings timings;
    private final Progress progress;

    FileFetcher(HubEnvironment env, HubCache cache, HubHttp http, HubTimings timings, Progress progress) {
        this.env = env;
        this.cache = cache;
        this.http = http;
        this.timings = timings;
        this.progress = progress;
    }

    /** True when the file was downloaded, false when the cache had it. */
    boolean fetch(RepoId repo, String commit, String file) {
        HubFile what = new HubFile(repo, file);
        Path pointer = cache.pointer(repo, commit, file);
        if (Files.exists(pointer)) {  // follows the link: one to a deleted blob is fetched again
            return false;
        }
        FileMetadata meta = FileMetadata.of(http.head(HubUrls.file(env.endpoint(), repo, commit, file), what), what, commit);
        Path blob = cache.blob(repo, meta.etag());
        try (BlobLock _ = BlobLock.acquire(cache.lock(repo, meta.etag()), timings.lockWait(), progress, what)) {
            boolean missing = !Files.exists(blob);
            if (missing) {
                new BlobDownload(http, timings, progress).run(meta, cache.incomplete(repo, meta.etag()), blob, what);
            }
            cache.link(pointer, blob, what);
            return missing;
        }
    }
}
