package dev.tails.eval;

import dev.tails.corpus.Variant;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One score per hidden state (0 = embeddings) for each variant, printed as a table, mapped for JSON. */
public final class LayerScores {
    private final String title;
    private final Map<Variant, double[]> scores = new EnumMap<>(Variant.class);

    public LayerScores(String title) {
        this.title = title;
    }

    public LayerScores put(Variant variant, double[] perState) {
        scores.put(variant, perState.clone());
        return this;
    }

    /** The state with the highest score (the first on ties). */
    public int bestState(Variant variant) {
        double[] s = scores.get(variant);
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }

    public void print(PrintStream out) {
        List<Variant> variants = List.copyOf(scores.keySet());
        out.println(title);
        StringBuilder header = new StringBuilder("layer");
        variants.forEach(v -> header.append(String.format(Locale.ROOT, "  %16s", v.label())));
        out.println(header);
        int states = scores.get(variants.getFirst()).length;
        for (int s = 0; s < states; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%5d", s));
            for (Variant v : variants) {
                row.append(String.format(Locale.ROOT, "  %16.2f", scores.get(v)[s]));
            }
            out.println(row);
        }
        StringBuilder best = new StringBuilder(" best");
        for (Variant v : variants) {
            int b = bestState(v);
            best.append(String.format(Locale.ROOT, "  %10.2f (L%2d)", scores.get(v)[b], b));
        }
        out.println(best);
        out.println();
    }

    /** {variant: {"perLayer": [...], "bestLayer": L, "best": x}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        scores.forEach((v, s) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("perLayer", s);
            entry.put("bestLayer", bestState(v));
            entry.put("best", s[bestState(v)]);
            json.put(v.label(), entry);
        });
        return json;
    }
}
