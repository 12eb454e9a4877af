package dev.tails.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Mutations that keep JSON well-formed, so the input gets past the parser and lies to the code
 * behind it: one value of the document (or of a safetensors header, re-framed with its new length)
 * is replaced by a wrong type, an absurd number, an escaping path, deep nesting, or another value
 * of the same document; or a field is dropped.
 */
final class JsonLies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<Supplier<JsonNode>> LIES = List.of(
            () -> NODES.numberNode(-1), () -> NODES.numberNode(0), () -> NODES.numberNode(Integer.MAX_VALUE),
            () -> NODES.numberNode(Long.MAX_VALUE), () -> NODES.numberNode(BigInteger.ONE.shiftLeft(64)),
            () -> NODES.numberNode(1e308), () -> NODES.numberNode(-0.5), () -> NODES.numberNode(3),
            () -> NODES.textNode(""), () -> NODES.textNode("../outside.safetensors"), () -> NODES.textNode("/etc/passwd"),
            () -> NODES.textNode("link.safetensors"), () -> NODES.textNode("F16"), () -> NODES.textNode("\ud800"),
            NODES::nullNode, () -> NODES.booleanNode(true), NODES::arrayNode, NODES::objectNode, JsonLies::deep);

    private JsonLies() {
    }

    /** A lying variant of a JSON document or safetensors file, or null when {@code seed} is neither. */
    static byte[] mutate(byte[] seed, RandomGenerator random) {
        if (seed.length > 0 && seed[0] == '{') {
            JsonNode root = parse(seed, 0, seed.length);
            return root == null ? null : write(lie(root, random));
        }
        if (seed.length >= 10 && seed[8] == '{') {
            long n = ByteBuffer.wrap(seed, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            JsonNode header = n > 0 && n <= seed.length - 8 ? parse(seed, 8, (int) n) : null;
            if (header != null) {
                byte[] lied = write(lie(header, random));
                byte[] data = Arrays.copyOfRange(seed, 8 + (int) n, seed.length);
                return ByteBuffer.allocate(8 + lied.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(lied.length).put(lied).put(data).array();
            }
        }
        return null;
    }

    private static JsonNode lie(JsonNode root, RandomGenerator random) {
        List<JsonNode> containers = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        collect(root, containers, values);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent.isEmpty()) {
            return root;
        }
        int index = random.nextInt(parent.size());
        JsonNode replacement = random.nextInt(4) == 0
                ? values.get(random.nextInt(values.size())).deepCopy()
                : LIES.get(random.nextInt(LIES.size())).get();
        if (parent instanceof ObjectNode object) {
            String field = object.properties().stream().map(java.util.Map.Entry::getKey).toList().get(index);
            if (random.nextInt(8) == 0) {
                object.remove(field);
            } else {
                object.set(field, replacement);
            }
        } else {
            ((ArrayNode) parent).set(index, replacement);
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers, List<JsonNode> values) {
        values.add(node);
        if (node instanceof ContainerNode<?>) {
            containers.add(node);
            node.forEach(child -> collect(child, containers, values));
        }
    }

    private static JsonNode deep() {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < 100; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }

    private static JsonNode parse(byte[] bytes, int from, int length) {
        try {
            JsonNode root = JSON.readTree(bytes, from, length);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] write(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a tree read from JSON writes back", e);
        }
    }
}
