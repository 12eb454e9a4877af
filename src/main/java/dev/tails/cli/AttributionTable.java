package dev.tails.cli;

import dev.tails.attribution.Attribution;
import dev.tails.attribution.Decomposition;
import dev.tails.attribution.UnitMean;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The human-readable form of an attribution: parts, top units with shares, and the embedding trace. */
final class AttributionTable {
    private AttributionTable() {
    }

    static void print(Attribution a, PrintStream out) {
        out.printf(Locale.ROOT, "block %d dim %d: %d token vectors, mean output %.6f%n", a.layer(), a.dim(), a.tokens(), a.value());
        out.println("shares are of the mean output minus LayerNorm's beta (what the parts put in)");
        parts(out, "output (LayerNorm 2)", a.output(), "normalized_resid_mid", "FFN output bias");
        units(out, "neuron", a.neurons(), a::neuronShare);
        parts(out, "hook_normalized_resid_mid (LayerNorm 1), mean " + format(a.attentionValue()), a.attention(),
                "resid_pre", "attention output bias");
        units(out, "head", a.heads(), a::headShare);
        var e = a.embedding();
        out.printf(Locale.ROOT, "embeddings (hidden state 0, embedding LayerNorm), mean %s%n", format(a.embeddingValue()));
        out.printf(Locale.ROOT, "  beta %s  word %s (%s)  position %s (%s)  token type %s (%s)%n", format(e.beta()),
                format(e.word()), percent(a.embeddingShare(e.word())),
                format(e.position()), percent(a.embeddingShare(e.position())),
                format(e.tokenType()), percent(a.embeddingShare(e.tokenType())));
    }

    private static void parts(PrintStream out, String title, Decomposition mean, String residual, String bias) {
        out.printf(Locale.ROOT, "%s%n  beta %s  %s %s  %s %s%n", title, format(mean.beta()), residual,
                format(mean.residual()), bias, format(mean.bias()));
    }

    private static void units(PrintStream out, String kind, List<UnitMean> top, ToDoubleFunction<UnitMean> share) {
        out.printf(Locale.ROOT, "  %6s  %12s  %8s%n", kind, "mean", "share");
        for (UnitMean unit : top) {
            out.printf(Locale.ROOT, "  %6d  %12s  %8s%n", unit.index(), format(unit.mean()), percent(share.applyAsDouble(unit)));
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
