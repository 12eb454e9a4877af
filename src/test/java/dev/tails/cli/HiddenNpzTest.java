package dev.tails.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tails.NumpyScript;
import dev.tails.TestFiles;
import dev.tails.io.NpyReader;
import dev.tails.io.SafetensorsFile;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tails hidden --out x.npz`: a NumPy zip of the same tensors as the safetensors output, checked against the PyTorch golden. */
class HiddenNpzTest {
    private static final Path GOLDEN = TestFiles.resource("golden/tiny-bert/visible.safetensors");

    @TempDir
    Path dir;

    private static List<String> texts() throws IOException {
        return List.of(new ObjectMapper().readValue(TestFiles.resource("golden/inputs/visible.json").toFile(), String[].class));
    }

    private Path writeNpz() throws IOException {
        Path input = Files.write(dir.resolve("visible.txt"), texts());
        Path out = dir.resolve("v.npz");
        int exit = Main.commandLine().execute("hidden", "--model", TestFiles.resource("models/tiny-bert").toString(),
                "--input", input.toString(), "--out", out.toString(), "--batch-size", "5");
        assertEquals(0, exit);
        return out;
    }

    @Test
    void npzHoldsTheGoldenHiddenStates() throws IOException {
        List<String> texts = texts();
        Map<String, byte[]> npz = entries(writeNpz());
        assertEquals(3 * texts.size(), npz.size(), "input_ids, hidden and pooled (tiny-bert has a pooler) per text");
        try (SafetensorsFile golden = SafetensorsFile.open(GOLDEN)) {
            for (int i = 0; i < texts.size(); i++) {
                String key = "s" + i + ".";
                byte[] ids = npz.get(key + "input_ids.npy");
                assertArrayEquals(golden.longs(key + "input_ids"), NpyReader.readLongs(ids), key + "input_ids");
                assertArrayEquals(new int[] {golden.longs(key + "input_ids").length}, NpyReader.shape(ids));
                FloatTensor hidden = NpyReader.read(npz.get(key + "hidden.npy"));
                assertArrayEquals(golden.info(key + "hidden").shape(), hidden.shape(), key + "shape");
                assertClose(golden.floats(key + "hidden").data(), hidden.data(), key + "hidden");
                FloatTensor pooled = NpyReader.read(npz.get(key + "pooled.npy"));
                assertArrayEquals(golden.info(key + "pooled").shape(), pooled.shape(), key + "pooled shape");
                assertClose(golden.floats(key + "pooled").data(), pooled.data(), key + "pooled");
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertTrue(Math.abs(expected[j] - actual[j]) <= 1e-5, what + "[" + j + "]");
        }
    }

    /** Every entry's bytes by name; each entry must be stored uncompressed, as numpy.savez writes them. */
    static Map<String, byte[]> entries(Path npz) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** An independent reader: numpy.load sees int64 ids and float32 states equal to the golden file's (skipped without numpy). */
    @Test
    void numpyLoadsIt() throws IOException, InterruptedException {
        Path npz = writeNpz();
        int texts = texts().size();
        String script = """
                import json, struct, sys, numpy as np
                b = open(sys.argv[2], 'rb').read()
                n = struct.unpack('<Q', b[:8])[0]
                h = json.loads(b[8:8 + n]); h.pop('__metadata__', None)
                ref = {k: np.frombuffer(b[8 + n + e['data_offsets'][0]:8 + n + e['data_offsets'][1]],
                                        {'F32': '<f4', 'I64': '<i8'}[e['dtype']]).reshape(e['shape']) for k, e in h.items()}
                z = np.load(sys.argv[1])
                for i in range(int(sys.argv[3])):
                    ids, hid = z['s%d.input_ids' % i], z['s%d.hidden' % i]
                    assert ids.dtype == np.int64 and np.array_equal(ids, ref['s%d.input_ids' % i]), i
                    assert hid.dtype == np.float32 and hid.shape == ref['s%d.hidden' % i].shape, i
                    assert np.abs(hid - ref['s%d.hidden' % i]).max() <= 1e-5, i
                print('ok', len(z.files))
                """;
        String out = NumpyScript.run(script, npz.toString(), GOLDEN.toString(), Integer.toString(texts));
        assertTrue(out.startsWith("ok "), out);
    }
}
