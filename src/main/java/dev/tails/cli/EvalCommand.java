package dev.tails.cli;

import picocli.CommandLine.Command;

/** `tails eval`: the paper's evaluations of clipping, one subcommand each. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate raw vs clipped vectors (after the fact and in the graph), every layer.",
        subcommands = {EvalWicCommand.class, EvalStsCommand.class, EvalTreesCommand.class,
                EvalProbeCommand.class, EvalWsdCommand.class})
final class EvalCommand {
}
