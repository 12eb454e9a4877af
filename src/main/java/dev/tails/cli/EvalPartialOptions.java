package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.eval.ItemPart;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code --partial FILE} and {@code --part I/N} of the evaluations whose scores are sums over items. */
final class EvalPartialOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--partial", paramLabel = "FILE",
            description = "Write this run's sums to FILE instead of the results, for `tails merge --partials`.")
    Path file;

    @Option(names = "--part", paramLabel = "I/N",
            description = "With --partial: take only items I, I+N, I+2N, ... of the data (N machines split it).")
    String part;

    /** --part as the library takes it; every item without it. */
    ItemPart part() {
        if (part == null) {
            return ItemPart.ALL;
        }
        if (file == null) {
            throw BadArgument.of(spec, "--part needs --partial FILE: a part's scores mean nothing alone");
        }
        String[] fields = part.split("/", -1);
        try {
            return new ItemPart(Integer.parseInt(fields[0]), Integer.parseInt(fields[fields.length - 1]));
        } catch (NumberFormatException | TailsException e) {
            throw BadArgument.of(spec, "--part takes I/N with 0 <= I < N, e.g. 0/4; got '" + part + "'");
        }
    }
}
