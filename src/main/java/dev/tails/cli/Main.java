package dev.tails.cli;

import dev.tails.TailsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** Entry point of the `tails` command line: one subcommand per job. */
@Command(name = "tails", mixinStandardHelpOptions = true, version = "tails 0.1.0",
        description = "Run BERT/RoBERTa from real weights in pure Java and look inside.",
        subcommands = {
                FetchCommand.class,
                ConvertTfCommand.class,
                ConvertOnnxCommand.class,
                HiddenCommand.class,
                ActivationsCommand.class,
                AnalyzeCommand.class,
                AttributeCommand.class,
                TokenizeCommand.class,
                BenchCommand.class,
                HooksCommand.class,
                MergeCommand.class,
                EvalCommand.class,
                FillMaskCommand.class,
                EmbedCommand.class,
        })
public final class Main {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "No progress or stage lines on stderr; errors are still printed.")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line. A bad argument prints what is wrong, the closest commands, and
     * the usage, and exits with 2; errors of ours print one line and exit with 1 (a stack trace
     * only with --verbose). --quiet holds for the one command it was given to.
     */
    static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cmd = new CommandLine(main);
        cmd.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println("tails: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, at.getErr());
            at.usage(at.getErr());
            return at.getCommandSpec().exitCodeOnInvalidInput();
        });
        cmd.setExecutionStrategy(parseResult -> {
            StderrProgress.quiet(main.quiet);
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                StderrProgress.quiet(false);
            }
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (main.verbose || !(e instanceof TailsException)) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("tails: " + e.getMessage());
            }
            return 1;
        });
        return cmd;
    }
}
