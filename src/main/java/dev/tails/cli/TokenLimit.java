package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.model.Model;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code --max-tokens} for commands that read a corpus: keep the leading texts that fit, and say so. */
final class TokenLimit {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Long maxTokens;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "Stop after the texts holding the first N tokens (special tokens counted; default: no limit).")
    void maxTokens(long n) {
        if (n < 1) {
            throw BadArgument.of(spec, "--max-tokens must be at least 1, got " + n);
        }
        maxTokens = n;
    }

    /** The longest prefix of {@code texts} whose tokens add up to at most the limit. */
    List<String> apply(List<String> texts, Model model) {
        if (maxTokens == null) {
            return texts;
        }
        long tokens = 0;
        int kept = 0;
        for (String text : texts) {
            int length = Math.min(model.tokenizer().encode(text).length(), model.config().maxTokens());
            if (tokens + length > maxTokens) {
                break;
            }
            tokens += length;
            kept++;
        }
        if (kept == 0) {
            throw new TailsException("--max-tokens " + maxTokens + " is less than the first text's own tokens");
        }
        if (kept < texts.size()) {
            spec.commandLine().getErr().printf("tails: --max-tokens %d: stopping after %,d of %,d texts (%,d tokens)%n",
                    maxTokens, kept, texts.size(), tokens);
        }
        return texts.subList(0, kept);
    }

    /** --max-tokens needs the whole input; shards stream it. */
    void refuseWithShards() {
        if (maxTokens != null) {
            throw BadArgument.of(spec, "--max-tokens works with a single output file, not with a folder of shards");
        }
    }
}
