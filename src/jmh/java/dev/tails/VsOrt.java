package dev.tails;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.tails.kernel.FmaPeak;
import dev.tails.kernel.Kernels;
import dev.tails.kernel.Parallel;
import dev.tails.model.Batch;
import dev.tails.model.Encoder;
import dev.tails.model.EncoderOutput;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.tokenize.Encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * scripts/bench.sh --vs-ort: the forward pass of ONNX Runtime and of tails side by side, on the
 * same weights (FOLDER/onnx/model.onnx for ORT, the converted FOLDER for tails) and the same
 * random token ids (attention mask all ones, token types zero). Plain timing rather than JMH, so
 * both run in one process in interleaved rounds (ORT, tails, ORT, tails, ...) and share whatever
 * the neighbours leave of the machine alike; each figure is the median of {@link #ROUNDS} rounds
 * after {@link #WARMUP} (and at least {@link #WARMUP_SECONDS}). Before timing, the two must agree on a few real texts
 * (last_hidden_state within {@link #MAX_DIFF}), which also checks an exported graph.
 * Arguments: model folders (default: all-MiniLM-L6-v2 and bert-base-cased under weights/).
 */
public final class VsOrt {
    private static final int[][] SHAPES = {{1, 128}, {8, 128}, {1, 512}, {32, 32}};
    private static final int[] THREADS = {1, 2};
    private static final int WARMUP = 3;
    private static final double WARMUP_SECONDS = 3;
    private static final long SETTLE_MS = 50;
    private static final int ROUNDS = 7;
    private static final double MAX_DIFF = 1e-4;
    private static final List<String> TEXTS = List.of("Hello, world!",
            "The outlier dimensions of BERT's embeddings are few but large.",
            "Zürich, 3.14159 and naïve café: punctuation; numbers (42) and accents all go through the tokenizer.");
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    /** Where the FMA loops' results go, so the JIT cannot drop them. */
    private static volatile float consumed;

    private VsOrt() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> folders = Arrays.stream(args.length > 0 ? args : new String[] {"weights/all-minilm-l6-v2",
                "weights/bert-base-cased"}).map(Path::of).toList();
        System.out.printf("# %s; %s; JDK %s; ONNX Runtime %s; load %s%n", cpu(), Kernels.species(), Runtime.version(),
                ENV.getVersion(), load());
        double[] peak = new double[THREADS.length];
        for (int i = 0; i < THREADS.length; i++) {
            peak[i] = fmaPeak(THREADS[i]);
            System.out.printf(Locale.ROOT, "# FMA peak (FmaPeak) on %d threads: %.1f GFLOP/s%n", THREADS[i], peak[i]);
        }
        System.out.printf("# medians of %d interleaved rounds after %d warm-up (at least %.0f s); ORT: intra_op threads = tails' threads,"
                + " inter_op 1, sequential, ALL_OPT%n", ROUNDS, WARMUP, WARMUP_SECONDS);
        System.out.println("model              shape   threads  ORT ms  tails ms  ORT/tails  tails GFLOP/s  of peak");
        for (Path folder : folders) {
            Path onnx = folder.resolve("onnx/model.onnx");
            if (!Files.isRegularFile(onnx)) {
                System.out.println("# skipped " + folder + ": no " + onnx + " (bert-base: scripts/export-bert-onnx.py)");
                continue;
            }
            Model model = Model.load(folder);
            for (int i = 0; i < THREADS.length; i++) {
                Parallel.setThreads(THREADS[i]);
                try (OrtSession ort = ENV.createSession(onnx.toString(), options(THREADS[i]))) {
                    checkParity(model, ort);
                    for (int[] shape : SHAPES) {
                        compare(folder.getFileName().toString(), model.encoder(), ort, shape[0], shape[1], peak[i]);
                    }
                }
            }
        }
        System.out.println("# load at the end " + load());
    }

    static SessionOptions options(int threads) throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** Fails unless ORT's last_hidden_state and tails' agree on every text within MAX_DIFF; prints the worst. */
    private static void checkParity(Model model, OrtSession ort) throws OrtException {
        int hidden = model.config().hiddenSize();
        double worst = 0;
        for (String text : TEXTS) {
            Encoding e = model.encode(text, true);
            EncoderOutput tails = model.encoder().forward(Batch.of(List.of(e), model.config()));
            float[] state = tails.hidden(tails.numStates() - 1, 0);
            float[][] expected;
            try (OrtInputs in = OrtInputs.unpadded(ENV, new int[][] {e.ids()}); OrtSession.Result r = in.run(ort)) {
                expected = ((float[][][]) r.get(0).getValue())[0];
            }
            for (int t = 0; t < expected.length; t++) {
                for (int d = 0; d < hidden; d++) {
                    worst = Math.max(worst, Math.abs(expected[t][d] - state[t * hidden + d]));
                }
            }
            if (worst > MAX_DIFF) {
                throw new IllegalStateException(model.folder() + ": ORT and tails differ by " + worst + " on \"" + text + "\"");
            }
        }
        System.out.printf(Locale.ROOT, "# %s on %d threads: last_hidden_state of ORT and tails within %.2g on %d texts%n",
                model.folder().getFileName(), Parallel.threads(), worst, TEXTS.size());
    }

    private static void compare(String name, Encoder tails, OrtSession ort, int batch, int seq, double peak)
            throws OrtException {
        ModelConfig config = tails.config();
        Random random = new Random(batch * 1000L + seq);
        int[][] ids = new int[batch][seq];
        for (int[] row : ids) {
            Arrays.setAll(row, j -> random.nextInt(config.vocabSize()));
        }
        Batch tailsBatch = Batch.of(ids, new int[batch][seq], config);
        double[] ortMs = new double[ROUNDS];
        double[] tailsMs = new double[ROUNDS];
        try (OrtInputs in = OrtInputs.unpadded(ENV, ids)) {
            // At least WARMUP rounds and WARMUP_SECONDS: the first shape of a model otherwise times C2 still compiling.
            long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
            for (int round = 0; round < WARMUP || System.nanoTime() < warmUntil; round++) {
                in.run(ort).close();
                tails.forward(tailsBatch);
            }
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                in.run(ort).close();
                ortMs[round] = (System.nanoTime() - start) / 1e6;
                settle();
                start = System.nanoTime();
                tails.forward(tailsBatch);
                tailsMs[round] = (System.nanoTime() - start) / 1e6;
                settle();
            }
        }
        double ortMedian = median(ortMs);
        double tailsMedian = median(tailsMs);
        double gflops = config.forwardFlops(batch, seq) / tailsMedian / 1e6;
        System.out.printf(Locale.ROOT, "%-18s %3dx%-4d %7d %7.1f %9.1f %10.2f %14.1f %7.0f%%%n", name, batch, seq,
                Parallel.threads(), ortMedian, tailsMedian, ortMedian / tailsMedian, gflops, 100 * gflops / peak);
    }

    /**
     * A pause between the two engines' runs: ORT's intra-op threads spin for a while after a run (its
     * default, kept), and on 2 cores that spinning took the core tails' second thread needed.
     */
    static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** FmaPeak's register-only FMA loop on that many threads at once: the sum of their GFLOP/s (medians of blocks). */
    private static double fmaPeak(int threads) throws InterruptedException {
        double[] gflops = new double[threads];
        Thread[] running = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            running[t] = Thread.ofPlatform().start(() -> gflops[index] = fmaPeakOfThisThread());
        }
        for (Thread t : running) {
            t.join();
        }
        return Arrays.stream(gflops).sum();
    }

    private static double fmaPeakOfThisThread() {
        FmaPeak loop = new FmaPeak();
        int calls = 200;
        double[] blockNs = new double[40];
        float sink = 0;
        for (int block = -blockNs.length; block < blockNs.length; block++) { // the first half warms up
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += loop.oneThread();
            }
            if (block >= 0) {
                blockNs[block] = System.nanoTime() - start;
            }
        }
        consumed = sink;
        return FmaPeak.flopPerOp() * calls / median(blockNs);
    }

    static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("unknown CPU")
                + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim().replaceFirst("^(\\S+ \\S+ \\S+).*", "$1 (1/5/15 min)");
    }
}
