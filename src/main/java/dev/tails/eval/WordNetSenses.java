package dev.tails.eval;

import dev.tails.TailsException;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The WSD candidates of a lemma: its WordNet 3.0 sense keys in WordNet's order (first = most frequent sense). */
public final class WordNetSenses {
    private static final Map<String, POS> POS_TAGS = Map.of(
            "NOUN", POS.NOUN, "VERB", POS.VERB, "ADJ", POS.ADJECTIVE, "ADV", POS.ADVERB);

    private final Dictionary dictionary;
    private final Map<String, List<String>> cache = new HashMap<>();

    /** WordNet 3.0 as shipped in extjwnl-data-wn30 (read from the classpath). */
    public WordNetSenses() {
        try {
            dictionary = Dictionary.getDefaultResourceInstance();
        } catch (JWNLException e) {
            throw new TailsException("cannot load WordNet 3.0 (extjwnl-data-wn30): " + e.getMessage(), e);
        }
    }

    /**
     * Sense keys of lemma as POS (the framework's NOUN, VERB, ADJ, ADV), in WordNet's sense order;
     * empty when WordNet lacks the lemma or the POS is another one.
     */
    public List<String> senseKeys(String lemma, String pos) {
        POS p = POS_TAGS.get(pos);
        if (p == null) {
            return List.of();
        }
        return cache.computeIfAbsent(pos + " " + lemma, k -> lookUp(lemma, p));
    }

    private List<String> lookUp(String lemma, POS pos) {
        try {
            IndexWord word = dictionary.getIndexWord(pos, lemma);
            if (word == null) {
                return List.of();
            }
            // A synset may hold the lemma twice in different case ("A", "a"): keep each key once, first place.
            Set<String> keys = new LinkedHashSet<>();
            for (Synset synset : word.getSenses()) {
                for (Word w : synset.getWords()) {
                    if (w.getLemma().equalsIgnoreCase(word.getLemma())) {
                        keys.add(w.getSenseKey());
                    }
                }
            }
            return List.copyOf(keys);
        } catch (JWNLException e) {
            throw new TailsException("WordNet lookup of '" + lemma + "' (" + pos + ") failed: " + e.getMessage(), e);
        }
    }
}
