package dev.tails.report;

import java.util.List;

/**
 * The paper's numbers and claims that the report sets beside ours, one constant each, with where they
 * come from: Luo, Kulmizev and Mao, "Positional Artefacts Propagate Through Masked Language Model
 * Embeddings" (ACL 2021; arXiv 2011.04393 "Catch the 'Tails' of BERT"), all for bert-base-cased.
 * {@link #where} names the experiment the number belongs to as the paper describes it.
 */
public enum PaperClaims {
    // The study (./tails analyze).
    TAIL_DIM_ARGMIN("96.60% (SST-2 + QQP, all layers)",
            "outlier neurons: share of token vectors whose smallest value is at dim 557"),
    POSITION_EMBEDDING_0_ARGMIN("557", "origin of the outliers: argmin of the position embedding of position 0"),
    LAYER_NORM_1_GAMMA("557", "origin of the outliers: the largest gamma in LayerNorm 1 (after attention) of blocks 0-2"),
    ANISOTROPY_AFTER_CLIPPING("drops", "clipping the outliers: anisotropy of the vector space"),
    SELF_SIMILARITY_AFTER_CLIPPING("rises", "clipping the outliers: self-similarity of a word's vectors"),
    POSITION_PROBES("near 100% accurate", "position probes on hidden states 1-3"),
    // The evaluations (./tails eval).
    WIC_TRAIN("67.5 (L7, 0.7) → 68.4 (L10, 0.5)",
            "word sense: WiC train accuracy of the best layer and cosine threshold, raw → clipped"),
    STS_B("58.61 → 63.06", "sentence embeddings: STS-B, Spearman x100 of mean-pooled vectors, raw → clipped"),
    SICK_R("60.78 → 61.74", "sentence embeddings: SICK-R, Spearman x100 of mean-pooled vectors, raw → clipped"),
    TREES("clipping helps (numbers not quoted)", "unsupervised constituency trees from syntactic distances"),
    WSD("clipping helps (numbers not quoted)", "word sense disambiguation: 1-NN on SemCor sense vectors"),
    SST_PROBES("clipping changes it by ≤ 0.5 points", "supervised tasks: linear probes on SST-2 and SST-5");

    /**
     * What the outlier-ablation papers state, as far as the sources reachable here quote them (abstracts and the
     * authors' blog post; the papers' tables were not available): the analyze report's masked-LM section sets
     * them beside our numbers, and summary.json carries them as "papers".
     */
    public static final List<Quote> OUTLIER_ABLATION = List.of(
            new Quote("Kovaleva, Kulshreshtha, Rogers and Rumshisky, \"BERT Busters: Outlier Dimensions that Disrupt "
                    + "Transformers\", Findings of ACL 2021 (arXiv 2105.06990)",
                    "BERT-base (cased or uncased not stated in the sources found)",
                    "not named in the sources found (dims 308 and 381 of bert-base-uncased: not found here)",
                    "scaling factors and biases (gamma, beta) of the outlier dims in LayerNorm",
                    "\"disabling them significantly degrades both the MLM loss and the downstream task performance\"; "
                            + "\"<0.0001% of model weights\" (no MLM loss or perplexity number found in the sources available here)",
                    "abstract, https://arxiv.org/abs/2105.06990 (v1 abstract: \"removing them significantly degrades "
                            + "both the MLM perplexity and the downstream task performance\")"),
            new Quote("Kovaleva et al. 2021, the authors' blog post",
                    "BERT-base",
                    "the outlier position (\"high-magnitude values in that position in the embeddings computed by the "
                            + "model for 95% of the inputs\")",
                    "\"the scaling factors and biases in the output LayerNorm\"",
                    "no number for the MLM loss found",
                    "https://text-machine-lab.github.io/blog/2021/busters/"),
            new Quote("Puccetti, Rogers, Drozd and Dell'Orletta, \"Outlier Dimensions that Disrupt Transformers are "
                    + "Driven by Frequency\", Findings of EMNLP 2022 (arXiv 2205.11380)",
                    "BERT-base (and RoBERTa)",
                    "not named in the sources found",
                    "disabling the outlier LayerNorm parameters",
                    "\"disabling only 48 out of 110M parameters in BERT-base drops its performance by nearly 30% on "
                            + "MNLI\" (a downstream task, not MLM; no MLM number found in the sources available here)",
                    "abstract, https://aclanthology.org/2022.findings-emnlp.93"));

    /** One paper's statement on disabling outlier dims, quoted from a source, with what it says of model and dims. */
    public record Quote(String paper, String model, String dims, String ablation, String statement, String source) {
    }

    private static final String PAPER = "Luo, Kulmizev and Mao, ACL 2021 (arXiv 2011.04393)";
    private static final String MODEL = "bert-base-cased";

    private final String statement;
    private final String where;

    PaperClaims(String statement, String where) {
        this.statement = statement;
        this.where = where;
    }

    /** What the paper states, as the report prints it. */
    public String statement() {
        return statement;
    }

    /** The experiment of the paper the statement belongs to. */
    public String where() {
        return where;
    }

    public String paper() {
        return PAPER;
    }

    public String model() {
        return MODEL;
    }

    /** "paper, model: where", for a list of sources under a table. */
    public String source() {
        return PAPER + ", " + MODEL + ": " + where;
    }
}
