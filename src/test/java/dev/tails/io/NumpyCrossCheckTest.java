package dev.tails.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An independent reader (Python's json + numpy) must see what the writer meant; skipped without numpy. */
class NumpyCrossCheckTest {
    private static final String READER = """
            import json, struct, sys, numpy as np
            b = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', b[:8])[0]
            assert n % 8 == 0
            h = json.loads(b[8:8 + n])
            d = b[8 + n:]
            out = [h['__metadata__']['who']]
            for k in ('w', 'ids'):
                e = h[k]
                a = np.frombuffer(d[e['data_offsets'][0]:e['data_offsets'][1]], dtype={'F32': '<f4', 'I64': '<i8'}[e['dtype']])
                out.append(k + repr(a.reshape(e['shape']).tolist()))
            print(' '.join(out))
            """;

    @TempDir
    Path dir;

    @Test
    void numpyReadsWhatTheWriterWrote() throws IOException, InterruptedException {
        Path file = dir.resolve("x.safetensors");
        new SafetensorsWriter().putMetadata("who", "tails")
                .putF32("w", new int[] {2, 2}, new float[] {0.5f, -1f, 3f, 1e-3f})
                .putI64("ids", new int[] {3}, new long[] {101, -1, 1L << 40})
                .write(file);
        String out = run("python3", "-c", READER, file.toString());
        assertEquals("tails w[[0.5, -1.0], [3.0, 0.0010000000474974513]] ids[101, -1, 1099511627776]", out);
    }

    /** The script's output, or a skipped test when python3 or numpy is not there. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Assumptions.abort("python3 not available: " + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assumeTrue(!out.contains("No module named 'numpy'"), "numpy not available");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
