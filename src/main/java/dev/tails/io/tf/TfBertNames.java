package dev.tails.io.tf;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps Google BERT variable names to the Hugging Face names of BertForPreTraining's {@code bert.*}
 * and {@code cls.predictions.*} tensors, e.g. {@code module/bert/encoder/layer_3/attention/self/query/kernel}
 * -> {@code bert.encoder.layer.3.attention.self.query.weight}. TF dense kernels are [in, out] and
 * PyTorch Linear weights [out, in], hence the transpose flag.
 */
public final class TfBertNames {
    private static final Pattern LAYER = Pattern.compile("(^|/)layer_(\\d+)(?=/)");

    /** A TF variable's HF name, and whether its values must be transposed on the way. */
    public record HfTensor(String name, boolean transpose) {
    }

    private TfBertNames() {
    }

    /**
     * The HF tensor for a TF variable, or empty for variables that are not model weights here
     * (optimizer slots, global_step, the next-sentence head).
     */
    public static Optional<HfTensor> map(String tfName) {
        String name = tfName.startsWith("module/") ? tfName.substring("module/".length()) : tfName;
        if (!name.startsWith("bert/") && !name.startsWith("cls/predictions/")) {
            return Optional.empty();
        }
        int slash = name.lastIndexOf('/');
        String path = LAYER.matcher(name.substring(0, slash)).replaceAll("$1layer/$2").replace('/', '.');
        String leaf = name.substring(slash + 1);
        return Optional.ofNullable(switch (leaf) {
            case "kernel" -> new HfTensor(path + ".weight", true);
            case "gamma" -> new HfTensor(path + ".weight", false);
            case "beta", "bias" -> new HfTensor(path + ".bias", false);
            case "word_embeddings", "position_embeddings", "token_type_embeddings" ->
                    new HfTensor(path + "." + leaf + ".weight", false);
            // the masked-LM output bias; HF ties the decoder weight to the word embeddings
            case "output_bias" -> path.equals("cls.predictions") ? new HfTensor("cls.predictions.bias", false) : null;
            default -> null;
        });
    }
}
