package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tails.TailsException;
import dev.tails.io.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the tokenizer files of a model folder and builds the matching tokenizer. */
final class TokenizerLoader {
    private static final List<String> BERT_SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private TokenizerLoader() {
    }

    static Tokenizer load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TailsException("tokenizer folder " + dir + " does not exist or is not a folder");
        }
        JsonNode config = tokenizerConfig(dir.resolve("tokenizer_config.json"));
        boolean cleanUpSpaces = config.path("clean_up_tokenization_spaces").asBoolean(true);
        Path tokenizerJson = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizerJson)) {
            return TokenizerJson.load(tokenizerJson, cleanUpSpaces);
        }
        Path vocabTxt = dir.resolve("vocab.txt");
        if (Files.isRegularFile(vocabTxt)) {
            return wordPiece(vocabTxt, config.path("do_lower_case").asBoolean(true), cleanUpSpaces);
        }
        Path vocabJson = dir.resolve("vocab.json");
        Path mergesTxt = dir.resolve("merges.txt");
        if (Files.isRegularFile(vocabJson) && Files.isRegularFile(mergesTxt)) {
            return byteLevelBpe(vocabJson, mergesTxt, cleanUpSpaces);
        }
        for (String spm : List.of("sentencepiece.bpe.model", "spiece.model")) {
            if (Files.isRegularFile(dir.resolve(spm))) {
                throw new TailsException(dir + " has the SentencePiece model " + spm + " but no tokenizer.json:"
                        + " tails reads SentencePiece tokenizers from tokenizer.json only (the one the hub ships beside it)");
            }
        }
        throw new TailsException("no tokenizer in " + dir
                + ": looked for tokenizer.json, vocab.txt, and vocab.json + merges.txt");
    }

    /** HF BertTokenizer from vocab.txt: accents stripped only when lowercasing, [CLS]/[SEP] template. */
    private static Tokenizer wordPiece(Path vocabTxt, boolean lowercase, boolean cleanUpSpaces) {
        Vocab vocab = Vocab.fromLines(vocabTxt);
        List<AddedTokens.Added> specials = new ArrayList<>();
        for (String s : BERT_SPECIALS) {
            specials.add(new AddedTokens.Added(s, vocab.require(s), false, false, true));
        }
        WordPiece model = new WordPiece(new BasicTokenizer(true, true, lowercase, lowercase), vocab, "[UNK]", "##", 100);
        PostProcessor post = PostProcessor.bert(vocab.require("[CLS]"), "[CLS]", vocab.require("[SEP]"), "[SEP]");
        return new PipelineTokenizer("wordpiece", new AddedTokens(specials), model, post,
                vocab.require("[PAD]"), vocab.size(),
                new Detokenizer(model, specials, vocab.size(), new WordPieceDecoder("##"), cleanUpSpaces));
    }

    /** HF RobertaTokenizer from vocab.json + merges.txt: &lt;mask&gt; swallows the whitespace before it. */
    private static Tokenizer byteLevelBpe(Path vocabJson, Path mergesTxt, boolean cleanUpSpaces) {
        Vocab vocab = Vocab.fromJson(readJson(vocabJson), vocabJson.toString());
        List<AddedTokens.Added> specials = new ArrayList<>();
        for (String s : List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>")) {
            specials.add(new AddedTokens.Added(s, vocab.require(s), s.equals("<mask>"), false, true));
        }
        Bpe bpe = new Bpe(vocab, readMerges(mergesTxt), mergesTxt.toString());
        PostProcessor post = PostProcessor.roberta(vocab.require("<s>"), "<s>", vocab.require("</s>"), "</s>", true);
        ByteLevelBpe model = new ByteLevelBpe(bpe);
        return new PipelineTokenizer("bpe", new AddedTokens(specials), model, post,
                vocab.require("<pad>"), vocab.size(),
                new Detokenizer(model, specials, vocab.size(), new ByteLevelDecoder(), cleanUpSpaces));
    }

    /** merges.txt: "left right" per line, in rank order, after an optional "#version" line. */
    private static List<String[]> readMerges(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TailsException("cannot read merges " + file + ": " + e.getMessage(), e);
        }
        List<String[]> merges = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!line.isEmpty() && !line.startsWith("#version")) {
                merges.add(Bpe.splitMerge(line, file.toString()));
            }
        }
        return merges;
    }

    /**
     * tokenizer_config.json, or an empty object without one: do_lower_case (default true, as HF's
     * BertTokenizer) and clean_up_tokenization_spaces (default true, as transformers 4) are read from it.
     */
    private static JsonNode tokenizerConfig(Path config) {
        return Files.isRegularFile(config) ? readJson(config) : Json.MAPPER.createObjectNode();
    }

    static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new TailsException("cannot read JSON " + file + ": " + e.getMessage(), e);
        }
    }
}
