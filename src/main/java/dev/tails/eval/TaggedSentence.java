package dev.tails.eval;

import java.util.List;

/** A sense-annotated training sentence: its words and, per annotated run of words, the sense keys given to it. */
public record TaggedSentence(List<String> words, List<Tag> tags) {

    /** Words [from, to) carry these WordNet sense keys (usually one). */
    public record Tag(int from, int to, List<String> senseKeys) {
    }
}
