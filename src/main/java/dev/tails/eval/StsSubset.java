package dev.tails.eval;

import java.util.List;

/** One scored file of an STS benchmark (e.g. STS12 MSRpar); Spearman is computed per subset. */
public record StsSubset(String name, List<StsPair> pairs) {
}
