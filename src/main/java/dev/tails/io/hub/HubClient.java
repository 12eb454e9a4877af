package dev.tails.io.hub;

import dev.tails.Progress;
import dev.tails.TailsException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Models from the Hugging Face Hub, into (and out of) huggingface_hub's cache: resolves
 * {@code ORG/NAME@REVISION} to a commit, fetches the files tails loads that the cache lacks, and
 * returns the snapshot folder, which loads like any model folder.
 */
public final class HubClient {
    /** Repos with many thousand files answer in a few MB; far more is not a revision listing. */
    private static final int MAX_REVISION_ANSWER = 32 << 20;

    private final HubEnvironment env;
    private final Progress progress;
    private final HubTimings timings;
    private final HubCache cache;

    public HubClient(HubEnvironment env, Progress progress) {
        this(env, progress, HubTimings.DEFAULT);
    }

    HubClient(HubEnvironment env, Progress progress, HubTimings timings) {
        this.env = env;
        this.progress = progress;
        this.timings = timings;
        this.cache = new HubCache(env.cache());
    }

    /** An existing folder as it is; anything else as a Hub id, with the environment's settings. */
    public static Path folderOrSnapshot(String idOrPath, Progress progress) {
        if (isFolder(idOrPath)) {
            return Path.of(idOrPath);
        }
        try {
            return new HubClient(HubEnvironment.fromSystem(), progress).snapshot(RepoId.parse(idOrPath));
        } catch (TailsException e) {
            throw new TailsException("no folder '" + idOrPath + "', so it was taken as a Hugging Face id: " + e.getMessage(), e);
        }
    }

    private static boolean isFolder(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * The snapshot folder of the repo's revision, after fetching what is missing of it; with
     * HF_HUB_OFFLINE=1, or when the Hub cannot be reached, the cached snapshot without a request.
     */
    public Path snapshot(RepoId repo) {
        if (env.offline()) {
            return cache.cachedSnapshot(repo).orElseThrow(() -> new TailsException("HF_HUB_OFFLINE is set and " + repo
                    + " is not in the Hugging Face cache " + env.cache() + " (no " + cache.repo(repo) + "/refs/"
                    + repo.revision() + " or snapshot): fetch it once online with ./tails fetch hf:" + repo));
        }
        try (HubHttp http = new HubHttp(env, timings)) {
            RevisionInfo info;
            try {
                byte[] answer = http.getBytes(HubUrls.revision(env.endpoint(), repo), HubFile.repo(repo), MAX_REVISION_ANSWER);
                info = RevisionInfo.parse(answer, repo);
            } catch (HubUnreachableException e) {
                return cachedInstead(repo, e);
            }
            return fetch(http, repo, info);
        }
    }

    /** The Hub is out of reach: the cached snapshot of the revision, if there is one, with a word about it. */
    private Path cachedInstead(RepoId repo, HubUnreachableException unreachable) {
        Path cached = cache.cachedSnapshot(repo).orElseThrow(() -> unreachable);
        progress.stage(unreachable.getMessage() + "; using the cached snapshot " + cached);
        return cached;
    }

    private Path fetch(HubHttp http, RepoId repo, RevisionInfo info) {
        cache.writeRef(repo, info.commit());
        FileFetcher fetcher = new FileFetcher(env, cache, http, timings, progress);
        Path snapshot = cache.snapshot(repo, info.commit());
        List<String> files = new ArrayList<>(RepoFiles.listed(info, repo));
        int downloaded = fetchAll(fetcher, repo, info.commit(), files);
        List<String> more = new ArrayList<>();
        if (files.contains(RepoFiles.WEIGHTS_INDEX)) {
            more.addAll(RepoFiles.shards(snapshot.resolve(RepoFiles.WEIGHTS_INDEX), info, repo));
        }
        if (files.contains(RepoFiles.MODULES)) {
            more.addAll(RepoFiles.moduleFiles(snapshot.resolve(RepoFiles.MODULES), info, repo));
        }
        more.removeAll(files);
        downloaded += fetchAll(fetcher, repo, info.commit(), more);
        int total = files.size() + more.size();
        progress.stage(repo + " = commit " + info.commit() + ": " + downloaded + " files downloaded, " + (total - downloaded)
                + " already in the cache; snapshot " + snapshot);
        return snapshot;
    }

    private static int fetchAll(FileFetcher fetcher, RepoId repo, String commit, List<String> files) {
        int downloaded = 0;
        for (String file : files) {
            downloaded += fetcher.fetch(repo, commit, file) ? 1 : 0;
        }
        return downloaded;
    }
}
