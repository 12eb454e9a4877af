package dev.tails.io.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which files of a repo make a model folder tails can load: config.json, safetensors weights, the
 * tokenizer files, and a sentence-transformers model's pooling and normalization settings. Never a
 * pickled checkpoint: unpickling runs whatever code the file holds.
 */
public final class RepoFiles {
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String WEIGHTS_INDEX = "model.safetensors.index.json";
    static final String MODULES = "modules.json";
    private static final List<String> PICKLES = List.of("pytorch_model.bin", "pytorch_model.bin.index.json");
    /** Taken when the repo has them: the tokenizer (any of its three forms) and sentence-transformers settings. */
    private static final List<String> OPTIONAL = List.of("tokenizer.json", "vocab.txt", "vocab.json", "merges.txt",
            "tokenizer_config.json", "special_tokens_map.json", MODULES, "sentence_bert_config.json", "1_Pooling/config.json");
    /** sentence-transformers modules whose folders hold only small settings files (a Dense module holds weights). */
    private static final Set<String> SETTINGS_MODULES = Set.of("sentence_transformers.models.Pooling",
            "sentence_transformers.models.Normalize");

    private RepoFiles() {
    }

    /** The files to fetch that the listing alone names; an index and modules.json name more (see below). */
    public static List<String> listed(RevisionInfo info, RepoId repo) {
        Set<String> files = info.files();
        if (!files.contains(CONFIG)) {
            throw new TailsException(repo + " has no " + CONFIG + ": not a transformers model tails can load");
        }
        List<String> chosen = new ArrayList<>();
        chosen.add(CONFIG);
        chosen.add(weights(files, repo));
        OPTIONAL.stream().filter(files::contains).forEach(chosen::add);
        return chosen;
    }

    private static String weights(Set<String> files, RepoId repo) {
        if (files.contains(WEIGHTS)) {
            return WEIGHTS;
        }
        if (files.contains(WEIGHTS_INDEX)) {
            return WEIGHTS_INDEX;
        }
        if (PICKLES.stream().anyMatch(files::contains)) {
            throw new TailsException(repo + " has only PyTorch pickle weights (" + String.join(" / ", PICKLES.stream()
                    .filter(files::contains).toList()) + "), which tails never loads because unpickling can run code:"
                    + " convert them to safetensors (model.safetensors) first, e.g. with transformers' save_pretrained(...,"
                    + " safe_serialization=True) or the Hub's safetensors conversion, or pick a revision that has them");
        }
        throw new TailsException(repo + " has no " + WEIGHTS + " and no " + WEIGHTS_INDEX);
    }

    /** The shard files a downloaded model.safetensors.index.json names; each must be in the repo. */
    static List<String> shards(Path index, RevisionInfo info, RepoId repo) {
        JsonNode weightMap = read(index, repo, WEIGHTS_INDEX).get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new TailsException(repo + ": " + WEIGHTS_INDEX + " must be an object with a 'weight_map' object");
        }
        Set<String> shards = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
            if (!e.getValue().isTextual()) {
                throw new TailsException(repo + ": " + WEIGHTS_INDEX + " gives tensor '" + e.getKey() + "' no shard file name");
            }
            shards.add(inRepo(e.getValue().textValue(), info, repo, WEIGHTS_INDEX));
        }
        return List.copyOf(shards);
    }

    /** The files in the folders of the Pooling and Normalize modules a downloaded modules.json lists. */
    static List<String> moduleFiles(Path modules, RevisionInfo info, RepoId repo) {
        JsonNode list = read(modules, repo, MODULES);
        if (!list.isArray()) {
            throw new TailsException(repo + ": " + MODULES + " must be an array of modules");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (JsonNode module : list) {
            JsonNode type = module.get("type");
            JsonNode path = module.get("path");
            if (type == null || path == null || !type.isTextual() || !path.isTextual()) {
                throw new TailsException(repo + ": every entry of " + MODULES + " needs a string 'type' and 'path'");
            }
            if (SETTINGS_MODULES.contains(type.textValue()) && !path.textValue().isEmpty()) {
                String folder = RepoFileName.check(path.textValue(), repo, MODULES) + "/";
                info.files().stream().filter(f -> f.startsWith(folder)).forEach(f -> chosen.add(inRepo(f, info, repo, MODULES)));
            }
        }
        return List.copyOf(chosen);
    }

    private static String inRepo(String name, RevisionInfo info, RepoId repo, String origin) {
        if (!info.files().contains(name)) {
            throw new TailsException(repo + ": " + origin + " names '" + name + "', which the repo at commit "
                    + info.commit() + " does not have");
        }
        return RepoFileName.check(name, repo, origin);
    }

    private static JsonNode read(Path file, RepoId repo, String name) {
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new TailsException(repo + ": " + name + " is empty");
            }
            return root;
        } catch (IOException e) {
            throw new TailsException(repo + ": cannot read " + name + " (" + file + "): " + e.getMessage(), e);
        }
    }
}
