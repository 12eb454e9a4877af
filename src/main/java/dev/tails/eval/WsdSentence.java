package dev.tails.eval;

import java.util.List;

/** An evaluation sentence of Raganato et al.'s framework: its words and the instances to disambiguate. */
public record WsdSentence(List<String> words, List<Instance> instances) {

    /** Word {@code word} (which may be a multiword, "belong to") is instance {@code id} of lemma and POS. */
    public record Instance(String id, int word, String lemma, String pos) {

        /** The dataset an id of ALL belongs to: its part before the first dot ("senseval2.d000.s000.t000"). */
        public String set() {
            int dot = id.indexOf('.');
            return dot < 0 ? id : id.substring(0, dot);
        }
    }
}
