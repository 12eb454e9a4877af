package dev.tails.hook;

import dev.tails.TailsException;
import dev.tails.model.HookPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every valid hook name of a model with {@code layers} blocks, and the resolution of names and
 * patterns to sites. Patterns glob with {@code *} inside one dot-separated segment
 * ({@code blocks.*.mlp.hook_post}, {@code blocks.3.attn.*}).
 */
public final class HookNames {
    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\.(.+)");
    private static final int SUGGESTIONS = 3;

    private final int layers;
    private final Map<String, HookSite> sites = new LinkedHashMap<>();

    /**
     * The names of a model, in forward order: embeddings, block 0 .. L-1, then the masked-LM head.
     *
     * @param layers the model's number of blocks
     */
    public HookNames(int layers) {
        this.layers = layers;
        addStage(HookPoint.Stage.EMBEDDINGS, 0);
        for (int l = 0; l < layers; l++) {
            addStage(HookPoint.Stage.BLOCK, l);
        }
        addStage(HookPoint.Stage.MLM_HEAD, 0);
    }

    private void addStage(HookPoint.Stage stage, int layer) {
        for (HookPoint p : HookPoint.values()) {
            if (p.stage() == stage) {
                sites.put(p.nameAt(layer), new HookSite(p, layer));
            }
        }
    }

    /**
     * Every valid name, in forward order.
     *
     * @return the names
     */
    public List<String> all() {
        return List.copyOf(sites.keySet());
    }

    /**
     * Every site, in forward order.
     *
     * @return the sites
     */
    public List<HookSite> sites() {
        return List.copyOf(sites.values());
    }

    /**
     * The sites a name or pattern selects, in forward order. Fails with the closest valid names when
     * nothing matches, and with the valid range when only the layer is wrong.
     *
     * @param nameOrPattern a hook name, or a pattern with {@code *} inside segments
     * @return the matching sites, at least one
     * @throws TailsException if the name is empty or matches nothing
     */
    public List<HookSite> resolve(String nameOrPattern) {
        if (nameOrPattern == null || nameOrPattern.isBlank()) {
            throw new TailsException("hook name is empty (valid names look like blocks.0.mlp.hook_post)");
        }
        Pattern glob = glob(nameOrPattern);
        List<HookSite> matched = new ArrayList<>();
        sites.forEach((name, site) -> {
            if (glob.matcher(name).matches()) {
                matched.add(site);
            }
        });
        if (matched.isEmpty()) {
            throw new TailsException(noMatch(nameOrPattern));
        }
        return matched;
    }

    private String noMatch(String name) {
        Matcher block = BLOCK.matcher(name);
        if (block.matches() && sites.containsKey("blocks.0." + block.group(2))) {
            return "hook '" + name + "': layer " + block.group(1) + " is out of range, the model has blocks 0.."
                    + (layers - 1);
        }
        return "hook '" + name + "' matches no hook point; closest valid names: " + String.join(", ", closest(name));
    }

    /** The valid names nearest to {@code name} by edit distance. */
    List<String> closest(String name) {
        return sites.keySet().stream()
                .sorted(Comparator.comparingInt((String valid) -> Levenshtein.distance(name, valid)).thenComparing(s -> s))
                .limit(SUGGESTIONS)
                .toList();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^.]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
