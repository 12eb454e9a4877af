package dev.tails.analysis;

import dev.tails.corpus.TokenizedCorpus;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Texts with their chosen tokens replaced by the mask token, ready for a {@code CorpusRunner}, and per text
 * the masked positions with the ids they held: what a masked-LM score compares the predictions to.
 */
public final class MaskedCorpus {
    private final TokenizedCorpus masked;
    private final int[][] positions;
    private final int[][] targets;

    private MaskedCorpus(TokenizedCorpus masked, int[][] positions, int[][] targets) {
        this.masked = masked;
        this.positions = positions;
        this.targets = targets;
    }

    /** Tokenizes each text once and masks it as {@code choice} says; batches run by length. */
    public static MaskedCorpus of(Model model, List<String> texts, boolean truncate, MaskChoice choice) {
        int maskId = model.tokenizer().maskId();
        String maskToken = model.tokenizer().token(maskId);
        // The choice depends on the text alone, so equal texts get equal masked encodings and a map serves.
        Map<String, Encoding> maskedByText = new HashMap<>();
        Map<String, int[]> positionsByText = new HashMap<>();
        Map<String, int[]> targetsByText = new HashMap<>();
        for (String text : texts) {
            if (maskedByText.containsKey(text)) {
                continue;
            }
            Encoding original = model.encode(text, truncate);
            int[] chosen = choice.positions(text, original);
            int[] ids = new int[chosen.length];
            for (int i = 0; i < chosen.length; i++) {
                ids[i] = original.ids()[chosen[i]];
            }
            maskedByText.put(text, MaskChoice.masked(original, chosen, maskId, maskToken));
            positionsByText.put(text, chosen);
            targetsByText.put(text, ids);
        }
        TokenizedCorpus corpus = TokenizedCorpus.of(model, texts, maskedByText::get, false, true);
        int[][] positions = new int[corpus.size()][];
        int[][] targets = new int[corpus.size()][];
        for (int i = 0; i < corpus.size(); i++) {
            positions[i] = positionsByText.get(corpus.text(i));
            targets[i] = targetsByText.get(corpus.text(i));
        }
        return new MaskedCorpus(corpus, positions, targets);
    }

    /** The masked texts, as a corpus runner takes them. */
    public TokenizedCorpus corpus() {
        return masked;
    }

    /** The masked positions of text {@code text}, ascending. */
    public int[] positions(int text) {
        return positions[text];
    }

    /** The ids the masked positions of text {@code text} held. */
    public int[] targets(int text) {
        return targets[text];
    }

    /** How many tokens are masked over all texts. */
    public long maskedTokens() {
        long n = 0;
        for (int[] p : positions) {
            n += p.length;
        }
        return n;
    }
}
