package dev.tails;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs a Python check with NumPy, an independent reader of what tails writes; the test skips without python3 or numpy. */
public final class NumpyScript {
    private NumpyScript() {
    }

    /** What the script printed (stripped), after it exited with 0; its assertions failing fail the test. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            abort("python3 not available: " + e.getMessage());
            throw e; // not reached: abort throws
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assumeTrue(!out.contains("No module named 'numpy'"), "numpy not available; skipping the numpy check");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
