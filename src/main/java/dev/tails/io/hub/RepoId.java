package dev.tails.io.hub;

import dev.tails.TailsException;

import java.util.regex.Pattern;

/**
 * A model on the Hub at a revision: {@code ORG/NAME[@REVISION]}, written {@code hf:ORG/NAME[@REVISION]}
 * on the command line. The revision is a branch, a tag or a commit hash (default {@value #DEFAULT_REVISION}).
 *
 * @param id       {@code ORG/NAME}, or a bare {@code NAME} for the Hub's legacy top-level models
 * @param revision checked to stay one path below refs/ in the cache (it may hold '/', as refs/pr/1 does)
 */
public record RepoId(String id, String revision) {
    public static final String PREFIX = "hf:";
    public static final String DEFAULT_REVISION = "main";
    /** huggingface_hub's validate_repo_id: word characters, '-' and '.', words at both ends, at most one '/'. */
    private static final Pattern ID = Pattern.compile("(\\w[\\w.-]*\\w/|\\w/)?(\\w[\\w.-]*\\w|\\w)");
    private static final Pattern REVISION = Pattern.compile("[\\w.+-]+(/[\\w.+-]+)*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final int MAX_ID = 96;
    private static final int MAX_REVISION = 255;

    public RepoId {
        if (id == null || id.length() > MAX_ID || !ID.matcher(id).matches() || id.contains("--") || id.contains("..")) {
            throw new TailsException("'" + id + "' is not a Hugging Face model id: expected ORG/NAME[@REVISION] with letters,"
                    + " digits, '-', '_' and '.' (no '--' or '..', at most " + MAX_ID + " characters)");
        }
        if (revision == null || revision.length() > MAX_REVISION || !REVISION.matcher(revision).matches()
                || revision.matches("(.*/)?\\.{1,2}(/.*)?")) {
            throw new TailsException("'" + revision + "' is not a revision of " + id
                    + ": expected a branch, tag or commit hash (letters, digits, '-', '_', '.', '+', '/')");
        }
    }

    /** {@code ORG/NAME[@REVISION]}, with or without the {@value #PREFIX} prefix. */
    public static RepoId parse(String text) {
        if (text == null) {
            throw new TailsException("no Hugging Face model id given");
        }
        String rest = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        int at = rest.indexOf('@');
        return at < 0 ? new RepoId(rest, DEFAULT_REVISION) : new RepoId(rest.substring(0, at), rest.substring(at + 1));
    }

    /** True when the revision already is a full commit hash (then no refs/ entry is written). */
    public boolean atCommit() {
        return isCommit(revision);
    }

    static boolean isCommit(String text) {
        return text != null && COMMIT.matcher(text).matches();
    }

    /** The cache folder's name, as huggingface_hub's repo_folder_name builds it: models--ORG--NAME. */
    public String folderName() {
        return "models--" + id.replace("/", "--");
    }

    @Override
    public String toString() {
        return id + "@" + revision;
    }
}
