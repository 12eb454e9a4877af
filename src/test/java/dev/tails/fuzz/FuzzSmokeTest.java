package dev.tails.fuzz;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A short fuzz in every default run: each target gets a few hundred mutated corpus inputs from a
 * fixed seed, so a failure here reproduces exactly. The long, timed runs are scripts/fuzz.sh.
 */
class FuzzSmokeTest {
    private static final int INPUTS_PER_TARGET = 300;

    @TestFactory
    Stream<DynamicTest> mutatedInputsHoldTheContract() {
        return FuzzTarget.ALL.stream().map(target -> DynamicTest.dynamicTest(target.name(), () -> {
            List<byte[]> corpus = FuzzCorpus.inputs(target);
            SplittableRandom random = new SplittableRandom(target.name().hashCode());
            for (int i = 0; i < INPUTS_PER_TARGET; i++) {
                target.run(Mutator.mutate(corpus.get(random.nextInt(corpus.size())),
                        corpus.get(random.nextInt(corpus.size())), random));
            }
        }));
    }
}
