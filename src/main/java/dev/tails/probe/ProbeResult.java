package dev.tails.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tails.attribution.UnitMean;

import java.util.Arrays;
import java.util.List;

/**
 * The position probes of a study: where their data came from and, per hidden state, the dev
 * accuracy and each dim's contribution c(d) = mean over dev tokens of |W[y, d] · v_d|, y the true
 * position (the paper does not say which class's weight; the true one's is what the prediction
 * should rest on).
 */
public record ProbeResult(ProbeSettings settings, int trainSentences, int trainTokens, int devSentences, long devTokens,
                          int classes, double trainingSeconds, List<Layer> layers) {

    /** What c(d) is, for readers of summary.json. */
    @JsonProperty
    public String contribution() {
        return "mean over dev tokens of |W[y, d] * v_d|, y the true position";
    }

    /** One hidden state's probe. */
    public record Layer(int state, double accuracy, double[] contribution) {
        @JsonProperty
        public double meanContribution() {
            return Arrays.stream(contribution).average().orElse(Double.NaN);
        }

        /** c(d) over the mean c of all dims. */
        public double ratio(int dim) {
            return contribution[dim] / meanContribution();
        }

        /** The five dims of largest contribution, largest first. */
        @JsonProperty
        public List<UnitMean> topDims() {
            return top(5);
        }

        /** The k dims of largest contribution, largest first. */
        public List<UnitMean> top(int k) {
            return UnitMean.top(contribution, k);
        }
    }

    @JsonIgnore
    public double[] accuracies() {
        return layers.stream().mapToDouble(Layer::accuracy).toArray();
    }
}
