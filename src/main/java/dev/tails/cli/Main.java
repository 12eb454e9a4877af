package dev.tails.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `tails` command line: one subcommand per job. */
@Command(name = "tails", mixinStandardHelpOptions = true, version = "tails 0.1.0",
        description = "Run BERT/RoBERTa from real weights in pure Java and look inside.",
        subcommands = {
                TokenizeCommand.class,
        })
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
