package dev.tails.eval;

import java.util.List;

/** A gold constituency tree: a leaf has a POS tag and a word, an inner node a label and children. */
public record ParseTree(String label, String word, List<ParseTree> children) {

    public static ParseTree leaf(String tag, String word) {
        return new ParseTree(tag, word, List.of());
    }

    public boolean isLeaf() {
        return word != null;
    }
}
