package dev.tails.cli;

import dev.tails.hook.HookNames;
import dev.tails.hook.HookShape;
import dev.tails.hook.HookSite;
import dev.tails.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** `tails hooks`: every hook name of a model with its per-text shape, read from config.json alone. */
@Command(name = "hooks", mixinStandardHelpOptions = true,
        description = "List every hook point of a model (name and shape per text of T tokens), in forward order; "
                + "PATTERN filters with * inside one dot segment, as --hooks does.")
final class HooksCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "bert-base-cased",
            description = "Model folder, or a name under weights/ (default: ${DEFAULT-VALUE}).")
    String model;

    @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "Only the names this pattern selects.")
    String pattern;

    @Override
    public Integer call() {
        ModelConfig config = ModelConfig.load(ModelPaths.resolve(model));
        HookNames names = new HookNames(config.numLayers());
        HookShape shape = HookShape.of(config);
        List<HookSite> sites = pattern == null ? names.sites() : names.resolve(pattern);
        int width = sites.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (HookSite site : sites) {
            System.out.printf("%-" + width + "s  %s%n", site.name(), shape.describe(site.point().layout()));
        }
        return 0;
    }
}
