package dev.tails.io.hub;

/**
 * What a request is for, named in every error: a repo at a revision, and the file when there is one.
 *
 * @param path the file inside the repo, or null for the repo itself (the revision lookup)
 */
record HubFile(RepoId repo, String path) {
    static HubFile repo(RepoId repo) {
        return new HubFile(repo, null);
    }

    @Override
    public String toString() {
        return path == null ? repo.toString() : repo + " file " + path;
    }
}
