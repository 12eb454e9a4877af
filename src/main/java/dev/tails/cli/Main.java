package dev.tails.cli;

import dev.tails.TailsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;

/** Entry point of the `tails` command line: one subcommand per job. */
@Command(name = "tails", mixinStandardHelpOptions = true, version = "tails 0.1.0",
        description = "Run BERT/RoBERTa from real weights in pure Java and look inside.")
public final class Main {
    /** Every subcommand; a run builds only the one it names (picocli reads each one's annotations by reflection). */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
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
            EmbedCommand.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors, and at the end where the time went (wall and CPU per phase).")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "No progress or stage lines on stderr; errors are still printed.")
    boolean quiet;

    public static void main(String[] args) {
        Timings.mark("launch to main");
        CommandLine cmd = commandLine(args);
        Timings.mark("command line");
        int exit = cmd.execute(args);
        if (((Main) cmd.getCommand()).verbose) {
            Timings.print(cmd.getErr());
        }
        System.exit(exit);
    }

    /**
     * Runs one command in this JVM, as {@code ./tails ARGS} would, without exiting (for programs
     * that drive the CLI, e.g. the Spark module's tests comparing a job with the CLI).
     *
     * @param args the command line after {@code tails}
     * @return the exit code: 0 done, 1 an error of ours, 2 a bad argument
     */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The configured command line. A bad argument prints what is wrong, the closest commands, and
     * the usage, and exits with 2; errors of ours print one line and exit with 1 (a stack trace
     * only with --verbose). --quiet holds for the one command it was given to.
     */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: when they name a subcommand, only that one is built
     * (~0.13 s of CPU less at start-up); otherwise all, for the usage and the suggestions.
     */
    static CommandLine commandLine(String[] arguments) {
        Main main = new Main();
        CommandLine cmd = new CommandLine(main);
        String named = Arrays.stream(arguments).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        List<Class<?>> one = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(named)).toList();
        for (Class<?> c : one.isEmpty() ? SUBCOMMANDS : one) {
            cmd.addSubcommand(c);
        }
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
