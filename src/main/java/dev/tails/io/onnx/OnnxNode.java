package dev.tails.io.onnx;

import dev.tails.io.proto.ByteCursor;
import dev.tails.io.proto.Proto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operator of the graph ({@code NodeProto}): its type, the names of the values it reads and
 * writes (an empty name is an omitted optional input) and its attributes.
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /** Input {@code index}, or "" when the node has fewer inputs. */
    public String input(int index) {
        return index < inputs.size() ? inputs.get(index) : "";
    }

    public String output() {
        return outputs.isEmpty() ? "" : outputs.getFirst();
    }

    public OnnxAttribute attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    /** For messages: "MatMul '/encoder/layer.0/attention/self/query/MatMul'". */
    public String describe() {
        return opType + " '" + name + "'";
    }

    /** Fields: 1 input, 2 output, 3 name, 4 op_type, 5 attribute. */
    static OnnxNode parse(ByteCursor in, String context) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String[] name = {""};
        String[] opType = {""};
        Map<String, OnnxAttribute> attributes = new LinkedHashMap<>();
        Proto.forEachField(in, (number, wire, n) -> {
            switch (number) {
                case 1 -> inputs.add(Proto.string(n, wire, "input"));
                case 2 -> outputs.add(Proto.string(n, wire, "output"));
                case 3 -> name[0] = Proto.string(n, wire, "name");
                case 4 -> opType[0] = Proto.string(n, wire, "op_type");
                case 5 -> {
                    OnnxAttribute a = OnnxAttribute.parse(Proto.message(n, wire, "attribute"), context + ", node '" + name[0] + "'");
                    if (attributes.put(a.name(), a) != null) {
                        throw n.fail("node '" + name[0] + "' has attribute '" + a.name() + "' twice");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new OnnxNode(name[0], opType[0], inputs, outputs, attributes);
    }
}
