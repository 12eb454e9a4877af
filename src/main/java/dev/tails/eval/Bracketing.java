package dev.tails.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A gold tree as the evaluation sees it: its words without punctuation, and the spans of its
 * constituents over those words without the trivial ones (single words, the whole sentence).
 */
public record Bracketing(List<String> allWords, boolean[] punctuation, List<String> words, Set<Span> spans) {

    /** Punctuation tags removed before scoring, as in Kim et al. 2019's evaluation (evalb's deleted labels and brackets). */
    public static final Set<String> PUNCTUATION_TAGS = Set.of(".", ",", ":", "``", "''", "-LRB-", "-RRB-");

    public static Bracketing of(ParseTree tree) {
        List<ParseTree> leaves = new ArrayList<>();
        collectLeaves(tree, leaves);
        List<String> all = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        boolean[] punct = new boolean[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            all.add(surface(leaves.get(i).word()));
            punct[i] = PUNCTUATION_TAGS.contains(leaves.get(i).label());
            if (!punct[i]) {
                kept.add(leaves.get(i).word());
            }
        }
        Set<Span> spans = new LinkedHashSet<>();
        collectSpans(tree, new int[] {0}, kept.size(), spans);
        return new Bracketing(all, punct, kept, spans);
    }

    /** The sentence the model reads: every token, PTB escapes turned back into characters. */
    public String text() {
        return String.join(" ", allWords);
    }

    /** Index in allWords of each scored (non-punctuation) word. */
    public int[] keptIndices() {
        return IntStream.range(0, punctuation.length).filter(i -> !punctuation[i]).toArray();
    }

    private static String surface(String word) {
        return switch (word) {
            case "-LRB-" -> "(";
            case "-RRB-" -> ")";
            case "-LCB-" -> "{";
            case "-RCB-" -> "}";
            case "``", "''" -> "\"";
            // The PTB escapes slashes and asterisks ("1\/2").
            default -> word.replace("\\/", "/").replace("\\*", "*");
        };
    }

    private static void collectLeaves(ParseTree node, List<ParseTree> leaves) {
        if (node.isLeaf()) {
            leaves.add(node);
        } else {
            node.children().forEach(c -> collectLeaves(c, leaves));
        }
    }

    /** Adds the node's span over kept words; next is the index of the next kept word. */
    private static void collectSpans(ParseTree node, int[] next, int sentenceLength, Set<Span> spans) {
        if (node.isLeaf()) {
            if (!PUNCTUATION_TAGS.contains(node.label())) {
                next[0]++;
            }
            return;
        }
        int from = next[0];
        for (ParseTree child : node.children()) {
            collectSpans(child, next, sentenceLength, spans);
        }
        Span span = new Span(from, next[0]);
        if (span.length() >= 2 && span.length() < sentenceLength) {
            spans.add(span);
        }
    }
}
