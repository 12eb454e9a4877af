package dev.tails.fuzz;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The default suite replays every seed and every past finding of every fuzz target. */
class FuzzCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusFileHoldsTheContract() {
        return FuzzTarget.ALL.stream().flatMap(target -> FuzzCorpus.files(target).stream()
                .map(file -> DynamicTest.dynamicTest(target.name() + "/" + target.seeds().getParent().relativize(file),
                        () -> target.run(java.nio.file.Files.readAllBytes(file)))));
    }
}
