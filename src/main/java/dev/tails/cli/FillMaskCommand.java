package dev.tails.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tails.corpus.Corpus;
import dev.tails.hook.HookRegistry;
import dev.tails.io.Json;
import dev.tails.model.MaskFill;
import dev.tails.model.MaskPredictions;
import dev.tails.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `tails fill-mask`: the most likely tokens at each [MASK] / &lt;mask&gt;, as transformers' fill-mask pipeline. */
@Command(name = "fill-mask", mixinStandardHelpOptions = true,
        description = "Print the top-k tokens, with probabilities and the filled text, for every mask token of each text; "
                + "--zero-* interventions act in the forward, so their effect on the predictions shows.")
final class FillMaskCommand implements Callable<Integer> {
    private static final String STDIN = "-";

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    InterventionOptions interventions;

    @Spec
    CommandSpec spec;

    int topK = 5;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "5", description = "Candidates per mask (default: ${DEFAULT-VALUE}).")
    void topK(int k) {
        if (k < 1) {
            throw BadArgument.of(spec, "--top-k must be at least 1, got " + k);
        }
        topK = k;
    }

    @Option(names = "--input", paramLabel = "FILE|-", description = "Texts, one per line; - reads standard input.")
    String input;

    @Option(names = "--json", description = "One JSON object per text: text, masks[position, fills[score, token, token_str, sequence]].")
    boolean json;

    @Parameters(paramLabel = "TEXT", description = "Texts with mask tokens; - reads standard input.")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<String> all = texts();
        if (all.isEmpty()) {
            throw BadArgument.of(spec, "no texts: give TEXT arguments, --input FILE, or - for standard input");
        }
        Path folder = modelOptions.folder();
        HookRegistry hooks = interventions.registry(modelOptions.config(folder)); // checked before the weights load
        Model model = modelOptions.load(folder);
        PrintWriter out = spec.commandLine().getOut();
        for (int from = 0; from < all.size(); from += modelOptions.batchSize) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + modelOptions.batchSize));
            List<List<MaskPredictions>> predictions = model.fillMask(batch, topK, modelOptions.truncate, hooks);
            for (int i = 0; i < batch.size(); i++) {
                out.println(json ? Json.MAPPER.writeValueAsString(toJson(batch.get(i), predictions.get(i)))
                        : table(batch.get(i), predictions.get(i)));
            }
            out.flush();
        }
        return 0;
    }

    private List<String> texts() throws IOException {
        List<String> all = new ArrayList<>();
        if (input != null) {
            all.addAll(read(input));
        }
        for (String text : texts) {
            if (text.equals(STDIN)) {
                all.addAll(read(STDIN));
            } else {
                all.add(text);
            }
        }
        return all;
    }

    /** A file's lines (an empty line is an error, as for every corpus), or standard input's non-blank lines. */
    private static List<String> read(String source) throws IOException {
        if (!source.equals(STDIN)) {
            return Corpus.read(Path.of(source));
        }
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String table(String text, List<MaskPredictions> masks) {
        StringBuilder s = new StringBuilder(text);
        for (int m = 0; m < masks.size(); m++) {
            s.append(String.format(Locale.ROOT, "%n  mask %d of %d (token %d):", m + 1, masks.size(), masks.get(m).position()));
            List<MaskFill> fills = masks.get(m).fills();
            for (int r = 0; r < fills.size(); r++) {
                MaskFill f = fills.get(r);
                s.append(String.format(Locale.ROOT, "%n    %2d. %-14s %.4f  %s", r + 1, f.tokenStr(), f.score(), f.sequence()));
            }
        }
        return s.toString();
    }

    private static ObjectNode toJson(String text, List<MaskPredictions> masks) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("text", text);
        ArrayNode array = node.putArray("masks");
        for (MaskPredictions m : masks) {
            ObjectNode mask = array.addObject().put("position", m.position());
            ArrayNode fills = mask.putArray("fills");
            for (MaskFill f : m.fills()) {
                fills.addObject().put("score", f.score()).put("token", f.token()).put("token_str", f.tokenStr())
                        .put("sequence", f.sequence());
            }
        }
        return node;
    }
}
