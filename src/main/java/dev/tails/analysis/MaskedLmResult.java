package dev.tails.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tails.TailsException;

import java.util.List;

/**
 * Masked-token prediction on a sample of the corpus under each condition: the model as is, the tail dims
 * zeroed at every block output, their LayerNorm gamma and beta zeroed, and the same two ablations of random
 * non-outlier dims (each draw as many dims as the tail; the conditions hold the mean over the draws).
 */
public record MaskedLmResult(int texts, long maskedTokens, double maskRate, long seed, int[] tailDims,
                             List<Condition> conditions, List<Condition> randomDraws, double seconds) {

    /** Accuracy (argmax = original id) and mean cross-entropy in nats over the masked tokens. */
    public record Condition(String key, String description, int[] dims, double accuracy, double loss) {
        /** e^loss, the perplexity of the masked tokens. */
        @JsonProperty
        public double perplexity() {
            return Math.exp(loss);
        }
    }

    /** The condition with this key. */
    public Condition condition(String key) {
        return conditions.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new TailsException("no masked-LM condition " + key));
    }
}
