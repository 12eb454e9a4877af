package dev.tails.io.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Hub's answer to {@code GET /api/models/ORG/NAME/revision/REV}: the commit the revision points
 * at ({@code sha}) and the files of the repo there ({@code siblings[].rfilename}). Everything else
 * in the answer is ignored. The names are kept as sent; each is checked when it is fetched.
 */
public record RevisionInfo(String commit, Set<String> files) {

    /** Parses the answer; anything malformed is refused naming the repo. */
    public static RevisionInfo parse(byte[] json, RepoId repo) {
        String where = "the Hub's answer for " + repo;
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new TailsException(where + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TailsException(where + " must be a JSON object with 'sha' and 'siblings'");
        }
        JsonNode sha = root.get("sha");
        if (sha == null || !sha.isTextual() || !RepoId.isCommit(sha.textValue())) {
            throw new TailsException(where + " has no commit hash: 'sha' must be 40 lowercase hex digits");
        }
        JsonNode siblings = root.get("siblings");
        if (siblings == null || !siblings.isArray()) {
            throw new TailsException(where + " has no file list: 'siblings' must be an array");
        }
        Set<String> files = new LinkedHashSet<>();
        for (int i = 0; i < siblings.size(); i++) {
            JsonNode name = siblings.get(i).get("rfilename");
            if (name == null || !name.isTextual()) {
                throw new TailsException(where + ": siblings[" + i + "] must be an object with a string 'rfilename'");
            }
            files.add(name.textValue());
        }
        return new RevisionInfo(sha.textValue(), Collections.unmodifiableSet(files));
    }
}
