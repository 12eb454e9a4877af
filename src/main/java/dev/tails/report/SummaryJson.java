package dev.tails.report;

import dev.tails.analysis.OutlierCounts;
import dev.tails.analysis.StudyResult;
import dev.tails.probe.ProbeResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** summary.json: model, tokens and one object per layer (0 = embeddings), the fields scripts read (issue 5). */
public final class SummaryJson {
    private SummaryJson() {
    }

    public static Map<String, Object> of(StudyResult r, String command) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", r.model());
        json.put("command", command);
        json.put("texts", r.texts());
        json.put("tokens", r.raw().tokens());
        json.put("special_tokens", r.settings().specialTokens());
        json.put("seed", r.settings().seed());
        json.put("tail_dim", r.tailDim());
        json.put("clipped_dims", r.clip().dims());
        json.put("position_embedding_argmin_share", r.positions().argminShare(r.tailDim()));
        json.put("position_0_argmin", r.positions().argmin(0));
        json.put("anisotropy_pairs", r.anisotropyPairs());
        json.put("self_similarity_words", r.selfSimilarityWords());
        json.put("geometry_definitions", "self_similarity and intra_sentence_similarity: Ethayarajh (2019) means "
                + "(mean cosine over all pairs of a word's vectors; of a sentence's tokens to their mean); *_adjusted: the "
                + "same minus the layer's anisotropy in the same (raw or clipped) space, Ethayarajh's adjustment");
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int s = 0; s < r.states(); s++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", s);
            layer.put("argmin", share(r.raw().topArgmin(s)));
            layer.put("argmax", share(r.raw().topArgmax(s)));
            layer.put("argmin_clipped", share(r.clipped().topArgmin(s)));
            layer.put("argmin_position_embeddings_zeroed", share(r.positionsZeroed().topArgmin(s)));
            layer.put("argmin_zeroed_in_flow", share(r.zeroedInFlow().topArgmin(s)));
            layer.put("anisotropy", pair(r.anisotropy(), s));
            layer.put("self_similarity", pair(r.selfSimilarity(), s));
            layer.put("self_similarity_adjusted", pair(r.selfSimilarityAdjusted(), s));
            layer.put("intra_sentence_similarity", pair(r.intraSentence(), s));
            layer.put("intra_sentence_similarity_adjusted", pair(r.intraSentenceAdjusted(), s));
            layer.put("probe_accuracy", r.probes() == null ? null : r.probes().layers().get(s).accuracy());
            layers.add(layer);
        }
        json.put("layers", layers);
        json.put("probe", r.probes() == null ? null : probe(r.probes(), r.clip().dims()));
        return json;
    }

    /** The probes' settings, the weight c(d) takes, and per layer the outlier dims' contribution against the mean. */
    private static Map<String, Object> probe(ProbeResult p, int[] outliers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_sentences", p.trainSentences());
        m.put("train_tokens", p.trainTokens());
        m.put("dev", p.settings().devName());
        m.put("dev_sentences", p.devSentences());
        m.put("dev_tokens", p.devTokens());
        m.put("classes", p.classes());
        m.put("bias", false);
        m.put("features", "raw hidden vectors");
        m.put("loss", "cross-entropy");
        m.put("optimizer", p.settings().training().optimizer());
        m.put("batch_size", p.settings().training().batchSize());
        m.put("epochs", p.settings().training().epochs());
        m.put("training_seconds", p.trainingSeconds());
        m.put("contribution", "mean over dev tokens of |W[y, d] * v_d|, y the true position");
        List<Map<String, Object>> layers = new ArrayList<>();
        for (ProbeResult.Layer layer : p.layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", layer.state());
            l.put("accuracy", layer.accuracy());
            l.put("mean_contribution", layer.meanContribution());
            List<Map<String, Object>> dims = new ArrayList<>();
            for (int d : outliers) {
                dims.add(dimContribution(d, layer.contribution()[d], layer.ratio(d)));
            }
            l.put("outlier_dims", dims);
            l.put("top_dims", layer.top(5).stream().map(u -> dimContribution(u.index(), u.mean(), layer.ratio(u.index()))).toList());
            l.put("contribution", layer.contribution());
            layers.add(l);
        }
        m.put("layers", layers);
        return m;
    }

    private static Map<String, Object> dimContribution(int dim, double contribution, double ratio) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dim", dim);
        m.put("contribution", contribution);
        m.put("ratio_to_mean", ratio);
        return m;
    }

    private static Map<String, Object> share(OutlierCounts.DimShare share) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dim", share.dim());
        m.put("fraction", share.fraction());
        return m;
    }

    private static Map<String, Object> pair(StudyResult.Geometry g, int s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw", finite(g.raw()[s]));
        m.put("clipped", finite(g.clipped()[s]));
        return m;
    }

    /** NaN (nothing sampled) is not JSON: null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
