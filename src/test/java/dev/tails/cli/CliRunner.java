package dev.tails.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in this JVM (exit code and stderr), or starts it as a separate process. */
public final class CliRunner {
    private CliRunner() {
    }

    /** What a command printed on stderr, and its exit code. */
    public record Result(int exit, String err) {
    }

    public static Result run(String... args) {
        StringWriter err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return new Result(cmd.execute(args), err.toString());
    }

    /** What a command wrote to picocli's out and err writers, and its exit code. */
    public record Output(int exit, String out, String err) {
    }

    /** Runs the command line in this JVM with {@code stdin} as standard input. */
    public static Output runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = cmd.execute(args);
            return new Output(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    /** Runs commands one after another and keeps what the last one printed, for tests that check several runs. */
    public static final class Session {
        private Output last = new Output(0, "", "");

        /** Runs the command line with {@code stdin} as standard input; returns its exit code. */
        public int run(String stdin, String... args) {
            last = runWithInput(stdin, args);
            return last.exit();
        }

        /** What the last run wrote to standard output. */
        public String out() {
            return last.out();
        }

        /** What the last run wrote to standard error. */
        public String err() {
            return last.err();
        }
    }

    public static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    /** The CLI in a JVM of its own (this JVM's java and class path), stdout discarded, stderr to a file; jvmOptions go before the class. */
    public static Process start(List<String> args, Path stderr, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        String bits = System.getProperty("tails.vector.bits");
        if (bits != null) { // the child computes at this JVM's vector width, so their bits can be compared
            command.add("-Dtails.vector.bits=" + bits);
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
    }
}
