package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parts of a tokenizer.json with model Unigram: normalizer (Precompiled, Strip, Replace, or a
 * Sequence of them), pre_tokenizer Metaspace, and the model's vocab [[piece, score], ...], unk_id
 * and byte_fallback. Anything else is refused by name.
 */
final class SentencePieceJson {
    private final JsonNode root;
    private final String where;

    private SentencePieceJson(JsonNode root, String where) {
        this.root = root;
        this.where = where;
    }

    static SentencePiece read(JsonNode root, String where) {
        SentencePieceJson json = new SentencePieceJson(root, where);
        List<TextNormalizer> normalizers = new ArrayList<>();
        JsonNode n = root.path("normalizer");
        if (!n.isMissingNode() && !n.isNull()) {
            json.normalizers(n, normalizers);
        }
        return new SentencePiece(normalizers, json.metaspace(), json.unigram(root.path("model")));
    }

    private void normalizers(JsonNode n, List<TextNormalizer> out) {
        String type = n.path("type").asText("(missing)");
        switch (type) {
            case "Sequence" -> {
                for (JsonNode step : n.path("normalizers")) {
                    normalizers(step, out);
                }
            }
            case "Precompiled" -> out.add(new Precompiled(text(n, "precompiled_charsmap", "normalizer Precompiled"), where));
            case "Strip" -> out.add(new Strip(bool(n, "strip_left", "normalizer Strip"), bool(n, "strip_right", "normalizer Strip")));
            case "Replace" -> out.add(new Replace(pattern(n.path("pattern")), text(n, "content", "normalizer Replace")));
            default -> throw new TailsException(where + ": unsupported normalizer type " + type + " with model Unigram");
        }
    }

    /** {"String": literal} or {"Regex": pattern}; Oniguruma's syntax, read by java.util.regex. */
    private Pattern pattern(JsonNode p) {
        if (p.path("String").isTextual()) {
            return Pattern.compile(Pattern.quote(p.get("String").asText()));
        }
        if (p.path("Regex").isTextual()) {
            try {
                return Pattern.compile(p.get("Regex").asText());
            } catch (PatternSyntaxException e) {
                throw new TailsException(where + ": normalizer Replace pattern Regex " + p.get("Regex")
                        + " is not a regex tails can read (" + e.getDescription() + ")");
            }
        }
        throw new TailsException(where + ": normalizer Replace pattern must be {\"String\": ...} or {\"Regex\": ...}, found " + p);
    }

    private Metaspace metaspace() {
        JsonNode p = root.path("pre_tokenizer");
        String type = p.isObject() ? p.path("type").asText("(missing)") : "(none)";
        if (!type.equals("Metaspace")) {
            throw new TailsException(where + ": unsupported pre_tokenizer type " + type + " with model Unigram");
        }
        String replacement = text(p, "replacement", "pre_tokenizer Metaspace");
        if (replacement.codePointCount(0, replacement.length()) != 1) {
            throw new TailsException(where + ": pre_tokenizer Metaspace replacement \"" + replacement
                    + "\" must be one character");
        }
        return new Metaspace(replacement.codePointAt(0), prepend(p), p.path("split").asBoolean(true));
    }

    /** prepend_scheme, or the older add_prefix_space (true = always), default always, as HF reads them. */
    private Metaspace.Prepend prepend(JsonNode p) {
        JsonNode scheme = p.get("prepend_scheme");
        if (scheme == null || scheme.isNull()) {
            JsonNode add = p.get("add_prefix_space");
            return add == null || add.asBoolean(true) ? Metaspace.Prepend.ALWAYS : Metaspace.Prepend.NEVER;
        }
        return switch (scheme.asText()) {
            case "always" -> Metaspace.Prepend.ALWAYS;
            case "first" -> Metaspace.Prepend.FIRST;
            case "never" -> Metaspace.Prepend.NEVER;
            default -> throw new TailsException(where + ": pre_tokenizer Metaspace prepend_scheme " + scheme
                    + " is not one of \"always\", \"first\", \"never\"");
        };
    }

    private Unigram unigram(JsonNode model) {
        JsonNode vocab = model.path("vocab");
        if (!vocab.isArray() || vocab.isEmpty()) {
            throw new TailsException(where + ": model.vocab of a Unigram model must be a non-empty array of [piece, score]");
        }
        String[] pieces = new String[vocab.size()];
        double[] scores = new double[vocab.size()];
        for (int i = 0; i < pieces.length; i++) {
            JsonNode e = vocab.get(i);
            if (!e.isArray() || e.size() != 2 || !e.get(0).isTextual() || !e.get(1).isNumber()
                    || !Double.isFinite(e.get(1).asDouble())) {
                throw new TailsException(where + ": model.vocab entry " + i + " must be [piece, finite score], found " + e);
            }
            pieces[i] = e.get(0).asText();
            scores[i] = e.get(1).asDouble();
        }
        JsonNode unk = model.get("unk_id");
        if (unk == null || !unk.isIntegralNumber() || !unk.canConvertToInt()) {
            throw new TailsException(where + ": model.unk_id must be an integer, found " + unk
                    + " (without one an unknown character could not be encoded)");
        }
        JsonNode byteFallback = model.path("byte_fallback");
        return new Unigram(pieces, scores, unk.asInt(), byteFallback.asBoolean(false), where);
    }

    private String text(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new TailsException(where + ": " + what + " needs the string field " + field + ", found " + v);
        }
        return v.asText();
    }

    private boolean bool(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new TailsException(where + ": " + what + " needs the boolean field " + field + ", found " + v);
        }
        return v.asBoolean();
    }
}
