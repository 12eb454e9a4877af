package dev.tails.hook;

import dev.tails.NumpyScript;
import dev.tails.TailsException;
import dev.tails.TinyModels;
import dev.tails.io.NpyReader;
import dev.tails.io.SafetensorsFile;
import dev.tails.model.Batch;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import dev.tails.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.tails.model.GoldenAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture without padding in DESIGN.md §4 shapes, and the files: safetensors, .npz, .npy (numpy when present). */
class ActivationCacheTest {
    private static final List<String> EVERY_POINT = List.of("embed.*", "hook_full_embed", "blocks.*.*", "blocks.*.attn.*", "blocks.*.mlp.*");
    private final Model model = TinyModels.tinyBert();

    @TempDir
    Path dir;

    private ActivationCache capture(List<String> texts, List<String> patterns) {
        ActivationCache cache = new ActivationCache();
        HookRegistry hooks = new HookRegistry(model.config());
        patterns.forEach(p -> hooks.add(p, cache.capture()));
        model.forward(model.batch(texts, false), hooks);
        return cache;
    }

    /** A cache reused batch by batch (as attribution does) numbers the next forward's sequences from 0 again. */
    @Test
    void clearStartsTheNumberingAgain() {
        ActivationCache cache = new ActivationCache();
        HookRegistry hooks = new HookRegistry(model.config()).add("hook_full_embed", cache.capture());
        model.forward(model.batch(TinyModels.TEXTS, false), hooks);
        cache.clear();
        assertEquals(List.of(), cache.names());
        model.forward(model.batch(List.of(TinyModels.TEXTS.get(1)), false), hooks);
        assertEquals(1, cache.sequences("hook_full_embed"));
        assertArrayEquals(capture(List.of(TinyModels.TEXTS.get(1)), List.of("hook_full_embed")).get("hook_full_embed", 0).data(),
                cache.get("hook_full_embed", 0).data());
    }

    @Test
    void everyPointHasItsShapeAndPaddingIsRemoved() {
        ActivationCache batched = capture(TinyModels.TEXTS, EVERY_POINT);
        assertEquals(4 + 3 * 16, batched.names().size());
        Batch batch = TinyModels.batch(model);
        for (int b = 0; b < TinyModels.TEXTS.size(); b++) {
            int t = batch.length(b);
            assertArrayEquals(new int[] {t, 32}, batched.get("embed.hook_pos_embed", b).shape());
            assertArrayEquals(new int[] {t, 4, 8}, batched.get("blocks.2.attn.hook_q", b).shape());
            assertArrayEquals(new int[] {4, t, t}, batched.get("blocks.0.attn.hook_pattern", b).shape());
            assertArrayEquals(new int[] {t, 4, 32}, batched.get("blocks.0.attn.hook_result", b).shape());
            assertArrayEquals(new int[] {t, 64}, batched.get("blocks.1.mlp.hook_pre", b).shape());
            ActivationCache alone = capture(List.of(TinyModels.TEXTS.get(b)), EVERY_POINT);
            for (String name : alone.names()) {
                assertClose(alone.get(name, 0).data(), batched.get(name, b).data(), 1e-5, name + " of text " + b + " batched vs alone");
            }
        }
    }

    @Test
    void hiddenPointsEqualTheForwardOutput() {
        ActivationCache cache = capture(TinyModels.TEXTS, List.of("hook_full_embed", "blocks.*.hook_normalized_resid_post"));
        EncoderOutput out = model.forward(TinyModels.TEXTS);
        for (int b = 0; b < TinyModels.TEXTS.size(); b++) {
            assertArrayEquals(out.hidden(0, b), cache.get("hook_full_embed", b).data());
            assertArrayEquals(out.hidden(3, b), cache.get("blocks.2.hook_normalized_resid_post", b).data());
        }
    }

    @Test
    void filesReadBackInJava() throws IOException {
        ActivationCache cache = capture(TinyModels.TEXTS, List.of("blocks.*.mlp.hook_post", "blocks.0.attn.hook_pattern"));
        Map<String, FloatTensor> tensors = cache.tensors();
        assertEquals(4 * 4, tensors.size());
        Path safetensors = dir.resolve("a.safetensors");
        ActivationFiles.write(cache, safetensors);
        try (SafetensorsFile file = SafetensorsFile.open(safetensors)) {
            tensors.forEach((key, t) -> assertEquals(t, file.floats(key), key));
        }
        Path npz = dir.resolve("a.npz");
        ActivationFiles.write(cache, npz);
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; entries++) {
                String key = e.getName().substring(0, e.getName().length() - ".npy".length());
                assertEquals(tensors.get(key), NpyReader.read(zip.readAllBytes()), key);
            }
        }
        assertEquals(tensors.size(), entries);
        ActivationCache one = capture(List.of("one text"), List.of("blocks.1.attn.hook_z"));
        Path npy = dir.resolve("a.npy");
        ActivationFiles.write(one, npy);
        assertEquals(one.get("blocks.1.attn.hook_z", 0), NpyReader.read(Files.readAllBytes(npy)));
        TailsException e = assertThrows(TailsException.class, () -> ActivationFiles.write(cache, dir.resolve("b.npy")));
        assertTrue(e.getMessage().contains(".npz"), e.getMessage());
        assertThrows(TailsException.class, () -> ActivationFiles.checkFormat(dir.resolve("b.csv")));
    }

    @Test
    void numpyLoadsTheNpzAndNpyAsTheSafetensorsSay() throws IOException, InterruptedException {
        ActivationCache cache = capture(TinyModels.TEXTS, List.of("blocks.1.mlp.hook_post", "blocks.2.attn.hook_pattern", "hook_full_embed"));
        ActivationFiles.write(cache, dir.resolve("a.safetensors"));
        ActivationFiles.write(cache, dir.resolve("a.npz"));
        ActivationCache one = capture(List.of("one text"), List.of("blocks.1.attn.hook_z"));
        ActivationFiles.write(one, dir.resolve("one.npy"));
        ActivationFiles.write(one, dir.resolve("one.safetensors"));
        String script = """
                import json, struct, sys, numpy as np
                def safetensors(path):
                    b = open(path, 'rb').read()
                    n = struct.unpack('<Q', b[:8])[0]
                    h = json.loads(b[8:8 + n]); h.pop('__metadata__', None)
                    return {k: np.frombuffer(b[8 + n + e['data_offsets'][0]:8 + n + e['data_offsets'][1]], '<f4').reshape(e['shape']) for k, e in h.items()}
                ref = safetensors(sys.argv[1] + '/a.safetensors')
                npz = np.load(sys.argv[1] + '/a.npz')
                assert sorted(npz.files) == sorted(ref), (npz.files, list(ref))
                for k in ref:
                    assert npz[k].dtype == np.float32 and npz[k].shape == ref[k].shape and np.array_equal(npz[k], ref[k]), k
                one = np.load(sys.argv[1] + '/one.npy')
                ref1 = safetensors(sys.argv[1] + '/one.safetensors')['s0.blocks.1.attn.hook_z']
                assert one.shape == ref1.shape and one.flags['C_CONTIGUOUS'] and np.array_equal(one, ref1)
                print('ok', len(ref), one.shape)
                """;
        String out = NumpyScript.run(script, dir.toString());
        assertTrue(out.startsWith("ok 12 ("), out);
    }

    @Test
    void meanAblationPutsTheCorpusMean() {
        String point = "blocks.1.hook_resid_post";
        ActivationCache corpus = capture(TinyModels.TEXTS, List.of(point));
        float[] mean = corpus.meanRow(point);
        ActivationCache after = new ActivationCache();
        HookRegistry hooks = new HookRegistry(model.config())
                .add(point, Interventions.meanAblate(corpus, 3, 7))
                .add(point, after.capture());
        model.forward(TinyModels.batch(model), hooks);
        FloatTensor t = after.get(point, 0);
        FloatTensor before = corpus.get(point, 0);
        for (int row = 0; row < t.dim(0); row++) {
            for (int d = 0; d < 32; d++) {
                float expected = d == 3 || d == 7 ? mean[d] : before.data()[row * 32 + d];
                assertEquals(expected, t.data()[row * 32 + d], "row " + row + " dim " + d);
            }
        }
        assertThrows(TailsException.class, () -> new HookRegistry(model.config()).add("blocks.1.mlp.hook_post", Interventions.meanAblate(corpus)),
                "no means cached for that point");
    }

    @Test
    void patchingTheEmbeddingsFromAnotherInputGivesThatInputsForward() {
        List<String> source = List.of("the cat sat down");
        List<String> target = List.of("the dog ran off");
        Batch targetBatch = model.batch(target, false);
        assertEquals(model.batch(source, false).length(0), targetBatch.length(0), "same token count");
        ActivationCache cache = capture(source, List.of("hook_full_embed"));
        EncoderOutput patched = model.forward(targetBatch, new HookRegistry(model.config())
                .add("hook_full_embed", Interventions.patch(cache, 0)));
        EncoderOutput sourceOut = model.forward(source);
        assertClose(sourceOut.allHidden(0), patched.allHidden(0), 1e-6, "whole forward");

        EncoderOutput onePosition = model.forward(targetBatch, new HookRegistry(model.config())
                .add("hook_full_embed", Interventions.patch(cache, 0, 2)));
        EncoderOutput targetOut = model.forward(target);
        int h = model.config().hiddenSize();
        float[] state0 = onePosition.hidden(0, 0);
        for (int pos = 0; pos < targetBatch.length(0); pos++) {
            float[] expected = pos == 2 ? sourceOut.hidden(0, 0) : targetOut.hidden(0, 0);
            assertClose(java.util.Arrays.copyOfRange(expected, pos * h, (pos + 1) * h),
                    java.util.Arrays.copyOfRange(state0, pos * h, (pos + 1) * h), 0, "position " + pos);
        }
    }

    @Test
    void positionsAreZeroedWholeRows() {
        String point = "blocks.0.hook_attn_out";
        ActivationCache after = new ActivationCache();
        model.forward(TinyModels.batch(model), new HookRegistry(model.config())
                .add(point, Interventions.zeroPositions(0, 2)).add(point, after.capture()));
        FloatTensor t = after.get(point, 0);
        for (int i = 0; i < t.data().length; i++) {
            int pos = i / 32;
            assertTrue(pos != 0 && pos != 2 || t.data()[i] == 0f, "position " + pos);
        }
        assertTrue(t.data()[32] != 0f, "position 1 untouched");
    }
}
