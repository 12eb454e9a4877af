package dev.tails.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Fuzzes one target for a given time: mutate a random corpus input, run it, and keep every input
 * that breaks the contract as {@code findings/crash-SHA1} (which the default test suite then
 * replays). Prints the number of executions. Usage: {@code FuzzMain TARGET SECONDS [SEED]}.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) throws IOException {
        FuzzTarget target = FuzzTarget.named(args[0]);
        long seconds = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : new Random().nextLong();
        List<byte[]> corpus = FuzzCorpus.inputs(target);
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long executions = 0;
        int findings = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = Mutator.mutate(corpus.get(random.nextInt(corpus.size())),
                    corpus.get(random.nextInt(corpus.size())), random);
            try {
                target.run(input);
            } catch (Throwable t) {  // the contract: anything escaping run() is a finding, errors included
                findings++;
                System.out.println(target.name() + ": FINDING " + save(target, input) + ": " + t);
                t.printStackTrace(System.out);
            }
            executions++;
        }
        System.out.printf("%s: %,d executions in %d s (seed %d), %d finding(s)%n", target.name(), executions, seconds, seed, findings);
        System.exit(findings == 0 ? 0 : 1);
    }

    private static Path save(FuzzTarget target, byte[] input) throws IOException {
        Path file = Files.createDirectories(target.findings()).resolve("crash-" + sha1(input));
        return Files.write(file, input);
    }

    private static String sha1(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
