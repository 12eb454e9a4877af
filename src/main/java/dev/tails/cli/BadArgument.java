package dev.tails.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A value that parses but breaks a rule: picocli then prints the message and the usage, and exits with 2. */
final class BadArgument {
    private BadArgument() {
    }

    static ParameterException of(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
