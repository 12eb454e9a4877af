package dev.tails.fuzz;

import dev.tails.io.hub.RepoFiles;
import dev.tails.io.hub.RepoId;
import dev.tails.io.hub.RevisionInfo;

import java.io.IOException;

/**
 * The Hub's answer to {@code GET /api/models/ID/revision/REV} as a hostile or broken server might
 * send it: parsed, then the files to fetch chosen from it. Only a TailsException may escape.
 */
final class HubRevisionTarget implements FuzzTarget {
    private static final RepoId REPO = RepoId.parse("fuzz/model");

    @Override
    public String name() {
        return "hub-revision";
    }

    @Override
    public void run(byte[] input) throws IOException {
        Hostile.mayOnlyRefuse(() -> RepoFiles.listed(RevisionInfo.parse(input, REPO), REPO));
    }
}
