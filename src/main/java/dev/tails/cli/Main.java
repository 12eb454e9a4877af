package dev.tails.cli;

import dev.tails.TailsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `tails` command line: one subcommand per job. */
@Command(name = "tails", mixinStandardHelpOptions = true, version = "tails 0.1.0",
        description = "Run BERT/RoBERTa from real weights in pure Java and look inside.",
        subcommands = {
                FetchCommand.class,
                ConvertTfCommand.class,
        })
public final class Main {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        // TailsException messages name the file and rule at fault; a stack trace would bury them
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!(e instanceof TailsException)) {
                throw e;
            }
            cmd.getErr().println("tails: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
