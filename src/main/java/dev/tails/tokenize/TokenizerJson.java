package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Hugging Face tokenizer.json. Supported: normalizer BertNormalizer (or none),
 * pre_tokenizer BertPreTokenizer, model WordPiece; or no normalizer, pre_tokenizer ByteLevel
 * (use_regex, no prefix space), model BPE; or model Unigram with its SentencePiece normalizers
 * and Metaspace ({@link SentencePieceJson}); post_processor TemplateProcessing /
 * BertProcessing / RobertaProcessing; anything else is refused by name.
 */
final class TokenizerJson {
    private final JsonNode root;
    private final String where;
    private final boolean cleanUpSpaces;

    private TokenizerJson(JsonNode root, String where, boolean cleanUpSpaces) {
        this.root = root;
        this.where = where;
        this.cleanUpSpaces = cleanUpSpaces;
    }

    /** cleanUpSpaces: tokenizer_config.json's clean_up_tokenization_spaces, applied after the decoder. */
    static Tokenizer load(Path file, boolean cleanUpSpaces) {
        return new TokenizerJson(TokenizerLoader.readJson(file), file.toString(), cleanUpSpaces).build();
    }

    private Tokenizer build() {
        JsonNode model = root.path("model");
        String type = model.path("type").asText("(missing)");
        List<AddedTokens.Added> added = addedTokens();
        SegmentModel segmentModel = switch (type) {
            case "WordPiece" -> wordPiece(model, vocab(model));
            case "BPE" -> byteLevelBpe(model, vocab(model));
            case "Unigram" -> SentencePieceJson.read(root, where);
            default -> throw unsupported("model", type);
        };
        // the decoder follows the model: the file's own decoder entry only restates it for these three
        Decoder decoder = switch (type) {
            case "BPE" -> new ByteLevelDecoder();
            case "Unigram" -> new MetaspaceDecoder();
            default -> new WordPieceDecoder(model.path("continuing_subword_prefix").asText("##"));
        };
        checkAddedIds(added, segmentModel.vocabSize());
        int vocabSize = Math.max(segmentModel.vocabSize(), added.stream().mapToInt(a -> a.id() + 1).max().orElse(0));
        return new PipelineTokenizer(type.toLowerCase(Locale.ROOT), new AddedTokens(added), segmentModel,
                postProcessor(), padId(segmentModel, added), vocabSize,
                new Detokenizer(segmentModel, added, vocabSize, decoder, cleanUpSpaces));
    }

    /** HF numbers added tokens after the vocabulary, so a lying id cannot size the id table. */
    private void checkAddedIds(List<AddedTokens.Added> added, int modelVocab) {
        int bound = modelVocab + added.size();
        for (AddedTokens.Added a : added) {
            if (a.id() < 0 || a.id() >= bound) {
                throw new TailsException(where + ": added token \"" + a.content() + "\" has id " + a.id()
                        + ", outside [0, " + bound + ") for a vocabulary of " + modelVocab + " and "
                        + added.size() + " added tokens");
            }
        }
    }

    private Vocab vocab(JsonNode model) {
        return Vocab.fromJson(model.get("vocab"), where + " model.vocab");
    }

    private SegmentModel wordPiece(JsonNode model, Vocab vocab) {
        requirePreTokenizer("BertPreTokenizer");
        return new WordPiece(bertNormalizer(), vocab, model.path("unk_token").asText("[UNK]"),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100));
    }

    private SegmentModel byteLevelBpe(JsonNode model, Vocab vocab) {
        requirePreTokenizer("ByteLevel");
        JsonNode pre = root.path("pre_tokenizer");
        if (pre.path("add_prefix_space").asBoolean(false) || !pre.path("use_regex").asBoolean(true)) {
            throw unsupported("pre_tokenizer", "ByteLevel with add_prefix_space=true or use_regex=false");
        }
        JsonNode normalizer = root.path("normalizer");
        if (!normalizer.isMissingNode() && !normalizer.isNull()) {
            throw unsupported("normalizer", normalizer.path("type").asText("(missing)") + " with model BPE");
        }
        if (!model.path("continuing_subword_prefix").asText("").isEmpty()
                || !model.path("end_of_word_suffix").asText("").isEmpty()) {
            throw unsupported("model", "BPE with continuing_subword_prefix or end_of_word_suffix");
        }
        List<String[]> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            // the hub writes "a b"; newer files write ["a", "b"]
            merges.add(m.isArray() ? new String[] {m.path(0).asText(), m.path(1).asText()}
                    : Bpe.splitMerge(m.asText(), where));
        }
        return new ByteLevelBpe(new Bpe(vocab, merges, where));
    }

    /** BertNormalizer flags; strip_accents null means "as lowercase", as in HF. No normalizer: none of it. */
    private BasicTokenizer bertNormalizer() {
        JsonNode n = root.path("normalizer");
        if (n.isMissingNode() || n.isNull()) {
            return new BasicTokenizer(false, false, false, false);
        }
        String type = n.path("type").asText("(missing)");
        if (!type.equals("BertNormalizer")) {
            throw unsupported("normalizer", type);
        }
        boolean lowercase = n.path("lowercase").asBoolean(true);
        JsonNode strip = n.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        return new BasicTokenizer(n.path("clean_text").asBoolean(true),
                n.path("handle_chinese_chars").asBoolean(true), stripAccents, lowercase);
    }

    private void requirePreTokenizer(String expected) {
        JsonNode p = root.path("pre_tokenizer");
        String type = p.isObject() ? p.path("type").asText("(missing)") : "(none)";
        if (!type.equals(expected)) {
            throw unsupported("pre_tokenizer", type + " with model " + root.path("model").path("type").asText());
        }
    }

    private PostProcessor postProcessor() {
        JsonNode p = root.path("post_processor");
        String type = p.isObject() ? p.path("type").asText("(missing)") : "(none)";
        return switch (type) {
            case "TemplateProcessing" -> new PostProcessor(template(p.path("single")), template(p.path("pair")), false);
            case "BertProcessing" -> PostProcessor.bert(p.path("cls").path(1).asInt(), p.path("cls").path(0).asText(),
                    p.path("sep").path(1).asInt(), p.path("sep").path(0).asText());
            case "RobertaProcessing" -> PostProcessor.roberta(p.path("cls").path(1).asInt(), p.path("cls").path(0).asText(),
                    p.path("sep").path(1).asInt(), p.path("sep").path(0).asText(), p.path("trim_offsets").asBoolean(true));
            default -> throw unsupported("post_processor", type);
        };
    }

    /** A TemplateProcessing list: {"SpecialToken": {"id", "type_id"}} or {"Sequence": {"id": "A"|"B", "type_id"}}. */
    private List<PostProcessor.Part> template(JsonNode items) {
        JsonNode specials = root.path("post_processor").path("special_tokens");
        List<PostProcessor.Part> parts = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.has("SpecialToken")) {
                JsonNode st = item.get("SpecialToken");
                JsonNode def = specials.path(st.path("id").asText());
                if (!def.isObject()) {
                    throw new TailsException(where + ": post_processor template uses special token "
                            + st.path("id") + " that special_tokens does not define");
                }
                int[] ids = new int[def.path("ids").size()];
                String[] tokens = new String[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = def.path("ids").path(i).asInt();
                    tokens[i] = def.path("tokens").path(i).asText();
                }
                parts.add(new PostProcessor.Part(ids, tokens, -1, st.path("type_id").asInt()));
            } else if (item.has("Sequence")) {
                JsonNode seq = item.get("Sequence");
                parts.add(PostProcessor.Part.sequence(seq.path("id").asText().equals("B") ? 1 : 0,
                        seq.path("type_id").asInt()));
            } else {
                throw new TailsException(where + ": post_processor template item " + item
                        + " is neither SpecialToken nor Sequence");
            }
        }
        return parts;
    }

    private List<AddedTokens.Added> addedTokens() {
        List<AddedTokens.Added> added = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) {
            added.add(new AddedTokens.Added(t.path("content").asText(), t.path("id").asInt(),
                    t.path("lstrip").asBoolean(false), t.path("rstrip").asBoolean(false), t.path("special").asBoolean(false)));
        }
        return added;
    }

    /** The padding id if the file sets one, else the id of [PAD] or &lt;pad&gt;. */
    private int padId(SegmentModel model, List<AddedTokens.Added> added) {
        JsonNode padding = root.path("padding");
        if (padding.has("pad_id")) {
            return padding.get("pad_id").asInt();
        }
        for (AddedTokens.Added a : added) {
            if (a.content().equals("[PAD]") || a.content().equals("<pad>")) {
                return a.id();
            }
        }
        for (String pad : List.of("[PAD]", "<pad>")) {
            if (model.tokenId(pad) >= 0) {
                return model.tokenId(pad);
            }
        }
        throw new TailsException(where + ": no padding token ([PAD] or <pad>) in the vocabulary or added_tokens");
    }

    private TailsException unsupported(String component, String type) {
        return new TailsException(where + ": unsupported " + component + " type " + type);
    }
}
