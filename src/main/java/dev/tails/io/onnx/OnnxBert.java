package dev.tails.io.onnx;

import dev.tails.TailsException;
import dev.tails.io.BertDims;
import dev.tails.tensor.FloatTensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;

/**
 * A BERT encoder read out of an ONNX graph: its sizes, activation and LayerNorm eps, and its
 * weights under Hugging Face's names (no "bert." prefix, Linear weights [out, in]), ready for
 * {@code model.safetensors}.
 *
 * <p>The graph is walked from the inputs to the output, the way the data flows, so weights are
 * found by what the graph does with them, not by their names (torch.onnx renames most of them):
 * embeddings ({@link GraphEmbeddings}) -> LayerNorm ({@link GraphLayerNorm}) -> layer after layer
 * ({@link GraphLayer}) until the value that leaves the graph.
 *
 * @param unused float initializers the encoder does not use (e.g. a pooler the walk never reaches)
 */
public record OnnxBert(BertDims dims, String hiddenAct, float layerNormEps,
                       SequencedMap<String, FloatTensor> tensors, List<String> unused) {

    public static OnnxBert read(Path onnxFile) {
        return walk(OnnxGraph.read(onnxFile));
    }

    public static OnnxBert walk(OnnxGraph graph) {
        GraphIndex g = new GraphIndex(graph);
        GraphEmbeddings embeddings = GraphEmbeddings.of(g);
        int hidden = embeddings.word().dim(1);
        GraphLayerNorm embeddingNorm = GraphLayerNorm.of(g, embeddings.sum(), "embeddings.LayerNorm");
        SequencedMap<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("embeddings.word_embeddings.weight", embeddings.word());
        tensors.put("embeddings.position_embeddings.weight", embeddings.position());
        tensors.put("embeddings.token_type_embeddings.weight", embeddings.tokenType());
        GraphLayer.put(tensors, "embeddings.LayerNorm", embeddingNorm);

        List<GraphLayer> layers = new ArrayList<>();
        String state = embeddingNorm.output();
        Set<String> visited = new HashSet<>(Set.of(state));
        while (Linear.anyReads(g, state)) {
            GraphLayer layer = GraphLayer.of(g, state, hidden, "encoder.layer." + layers.size());
            layer.putTensors(tensors, "encoder.layer." + layers.size() + ".");
            layers.add(layer);
            state = layer.output();
            if (!visited.add(state)) {
                throw g.fail("encoder.layer." + (layers.size() - 1) + " leads back to '" + state + "': the graph has a cycle");
            }
        }
        if (layers.isEmpty()) {
            throw g.fail("no encoder layer reads the embeddings' LayerNorm output '" + state + "'");
        }
        if (!graph.outputs().contains(state)) {
            throw g.fail("the last encoder layer's output '" + state + "' is not a graph output (outputs: " + graph.outputs()
                    + "); only graphs that end with the encoder's last hidden state are understood");
        }
        int heads = same(layers, l -> l.attention().heads(), "attention heads", graph.where());
        BertDims dims = new BertDims(embeddings.word().dim(0), hidden, layers.size(), heads,
                layers.getFirst().intermediate().out(), embeddings.position().dim(0), embeddings.tokenType().dim(0));
        checkAgainst(dims, tensors, graph.where());
        return new OnnxBert(dims, same(layers, GraphLayer::hiddenAct, "activation", graph.where()),
                same(normsOf(embeddingNorm, layers), GraphLayerNorm::eps, "LayerNorm eps", graph.where()),
                Collections.unmodifiableSequencedMap(tensors), g.untakenWeights());
    }

    /** Every tensor HF's BertModel (without pooler) has, with its shape, and no other. */
    private static void checkAgainst(BertDims dims, Map<String, FloatTensor> tensors, String where) {
        SequencedMap<String, int[]> expected = dims.encoderTensors("", false);
        for (var e : expected.entrySet()) {
            FloatTensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new TailsException(where + ": no weight found for " + e.getKey());
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new TailsException(where + ": " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + ", a BERT of these sizes needs " + Arrays.toString(e.getValue()) + " (" + dims + ")");
            }
        }
        if (!expected.keySet().equals(tensors.keySet())) {
            throw new TailsException(where + ": unexpected tensors " + tensors.keySet().stream().filter(n -> !expected.containsKey(n)).toList());
        }
    }

    private static List<GraphLayerNorm> normsOf(GraphLayerNorm embeddingNorm, List<GraphLayer> layers) {
        List<GraphLayerNorm> norms = new ArrayList<>(List.of(embeddingNorm));
        for (GraphLayer l : layers) {
            norms.add(l.attentionNorm());
            norms.add(l.outputNorm());
        }
        return norms;
    }

    /** config.json has one value for all layers; a graph that varies it cannot be described there. */
    private static <T, V> V same(List<T> parts, Function<T, V> property, String what, String where) {
        Set<V> values = new LinkedHashSet<>();
        parts.forEach(p -> values.add(property.apply(p)));
        if (values.size() != 1) {
            throw new TailsException(where + ": the layers differ in " + what + " " + values + "; config.json holds one");
        }
        return values.iterator().next();
    }
}
