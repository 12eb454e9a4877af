package dev.tails.io.hub;

import dev.tails.TailsException;

/**
 * A file name inside a repo, as the Hub or a downloaded JSON file names it. It becomes a path under
 * the snapshot folder, so it must stay there: relative, '/'-separated, no empty, '.' or '..' part.
 */
final class RepoFileName {
    private static final int MAX_LENGTH = 1000;

    private RepoFileName() {
    }

    /** The name, unchanged, or a refusal saying where it came from. */
    static String check(String name, RepoId repo, String origin) {
        String problem = problem(name);
        if (problem != null) {
            throw new TailsException(repo + ": " + origin + " names the file '" + name + "', which " + problem);
        }
        return name;
    }

    private static String problem(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            return "is empty or longer than " + MAX_LENGTH + " characters";
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return "holds a control character or a backslash";
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "is not a relative path inside the repo (empty, '.' or '..' part)";
            }
        }
        return null;
    }
}
