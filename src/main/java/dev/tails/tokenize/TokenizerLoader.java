package dev.tails.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.TailsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the tokenizer files of a model folder and builds the matching tokenizer. */
final class TokenizerLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BERT_SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private TokenizerLoader() {
    }

    static Tokenizer load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TailsException("tokenizer folder " + dir + " does not exist or is not a folder");
        }
        Path tokenizerJson = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizerJson)) {
            return TokenizerJson.load(tokenizerJson);
        }
        Path vocabTxt = dir.resolve("vocab.txt");
        if (Files.isRegularFile(vocabTxt)) {
            return wordPiece(vocabTxt, lowercase(dir.resolve("tokenizer_config.json")));
        }
        throw new TailsException("no tokenizer in " + dir + ": looked for tokenizer.json, vocab.txt");
    }

    /** HF BertTokenizer from vocab.txt: accents stripped only when lowercasing, [CLS]/[SEP] template. */
    private static Tokenizer wordPiece(Path vocabTxt, boolean lowercase) {
        Vocab vocab = Vocab.fromLines(vocabTxt);
        List<AddedTokens.Added> specials = new ArrayList<>();
        for (String s : BERT_SPECIALS) {
            specials.add(new AddedTokens.Added(s, vocab.require(s), false, false));
        }
        WordPiece model = new WordPiece(new BasicTokenizer(true, true, lowercase, lowercase), vocab, "[UNK]", "##", 100);
        PostProcessor post = PostProcessor.bert(vocab.require("[CLS]"), "[CLS]", vocab.require("[SEP]"), "[SEP]");
        return new PipelineTokenizer("wordpiece", new AddedTokens(specials), model, post,
                vocab.require("[PAD]"), vocab.size());
    }

    /** tokenizer_config.json's do_lower_case; true without it, as HF's BertTokenizer. */
    private static boolean lowercase(Path config) {
        if (!Files.isRegularFile(config)) {
            return true;
        }
        return readJson(config).path("do_lower_case").asBoolean(true);
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TailsException("cannot read JSON " + file + ": " + e.getMessage(), e);
        }
    }
}
