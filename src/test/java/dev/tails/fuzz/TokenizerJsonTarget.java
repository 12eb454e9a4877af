package dev.tails.fuzz;

import dev.tails.tokenize.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fuzzed tokenizer.json: load the folder's tokenizer, and if it loads, encode a text and a pair. */
final class TokenizerJsonTarget implements FuzzTarget {
    private final Path folder = Hostile.scratchFolder(name());

    @Override
    public String name() {
        return "tokenizer-json";
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(folder.resolve("tokenizer.json"), input);
        Hostile.mayOnlyRefuse(() -> {
            Tokenizer tokenizer = Tokenizer.load(folder);
            tokenizer.encode("Hello, world! unaffable café");
            tokenizer.encodePair("[CLS] a <mask> b", "ünïcödé 東京");
        });
    }
}
