package dev.tails;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tails.model.Pooling;
import dev.tails.embed.SentenceEmbedder;
import dev.tails.kernel.Kernels;
import dev.tails.kernel.Parallel;
import dev.tails.model.Model;
import dev.tails.tokenize.Encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * scripts/bench.sh --embed-vs-ort: sentence embeddings of many short texts (issue 17 item 4), tails'
 * {@link SentenceEmbedder} against ONNX Runtime on the same ONNX file and the same batches. Both sides
 * batch by length the same way (texts sorted by token count, runs of {@link #BATCH}, each padded to its
 * own longest text only), and both pool and normalize in Java, so the comparison is of the encoders.
 * Rounds alternate ORT, tails, ORT, ...; the figure is the median round in sentences/s.
 * Arguments: a model folder with onnx/model.onnx, then text files (one text per line, anything after
 * a tab dropped: SentEval's SST files); the first {@link #TEXTS} lines are used.
 */
public final class EmbedVsOrt {
    private static final int TEXTS = 10_000;
    private static final int BATCH = 32;
    private static final int ROUNDS = 3;
    /** The machine's default: a serving JVM embeds on every core (1 thread doubles the run: -Dtails.embed.threads=1,2). */
    private static final int[] THREADS = Arrays.stream(System.getProperty("tails.embed.threads",
            Integer.toString(Runtime.getRuntime().availableProcessors())).split(",")).mapToInt(Integer::parseInt).toArray();
    private static final int WARM_UP = 1_000;
    private static final double MAX_DIFF = 1e-4;

    private EmbedVsOrt() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbedVsOrt MODEL_FOLDER TEXT_FILE...");
            System.exit(2);
        }
        Model model = Model.load(Path.of(args[0]));
        List<String> texts = readTexts(Arrays.copyOfRange(args, 1, args.length));
        System.out.printf("# %s; %s; JDK %s; ONNX Runtime %s; load %s%n", VsOrt.cpu(), Kernels.species(),
                Runtime.version(), VsOrt.ENV.getVersion(), VsOrt.load());
        System.out.printf("# %s: %d texts, batches of %d by length, median of %d interleaved rounds after a warm-up on %d%n",
                model.folder().getFileName(), texts.size(), BATCH, ROUNDS, WARM_UP);
        System.out.println("threads  ORT sent/s  tails sent/s  tails/ORT");
        for (int threads : THREADS) {
            Parallel.setThreads(threads);
            SentenceEmbedder tails = SentenceEmbedder.of(model, BATCH);
            try (OrtSession ort = VsOrt.ENV.createSession(model.folder().resolve("onnx/model.onnx").toString(),
                    VsOrt.options(threads))) {
                OrtEmbedder reference = new OrtEmbedder(ort, tails, model.config().padTokenId());
                checkParity(tails.embed(texts.subList(0, 200)), reference.embed(texts.subList(0, 200)));
                double[] ortRate = new double[ROUNDS];
                double[] tailsRate = new double[ROUNDS];
                reference.embed(texts.subList(0, WARM_UP)); // C2 and ORT's arena, before the clock runs
                tails.embed(texts.subList(0, WARM_UP));
                for (int round = 0; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    reference.embed(texts);
                    ortRate[round] = texts.size() / ((System.nanoTime() - start) / 1e9);
                    VsOrt.settle();
                    start = System.nanoTime();
                    tails.embed(texts);
                    tailsRate[round] = texts.size() / ((System.nanoTime() - start) / 1e9);
                    VsOrt.settle();
                }
                double ortMedian = VsOrt.median(ortRate);
                double tailsMedian = VsOrt.median(tailsRate);
                System.out.printf(Locale.ROOT, "%7d %11.0f %13.0f %10.2f%n", threads, ortMedian, tailsMedian,
                        tailsMedian / ortMedian);
            }
        }
        System.out.println("# load at the end " + VsOrt.load());
    }

    private static List<String> readTexts(String[] files) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String file : files) {
            for (String line : Files.readAllLines(Path.of(file))) {
                String text = line.replaceFirst("\t.*", "").strip();
                if (!text.isEmpty() && texts.size() < TEXTS) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    private static void checkParity(float[][] tails, float[][] ort) {
        double worst = 0;
        for (int i = 0; i < tails.length; i++) {
            for (int d = 0; d < tails[i].length; d++) {
                worst = Math.max(worst, Math.abs(tails[i][d] - ort[i][d]));
            }
        }
        if (worst > MAX_DIFF) {
            throw new IllegalStateException("ORT and tails embeddings differ by " + worst);
        }
        System.out.printf(Locale.ROOT, "# %d threads: embeddings of ORT and tails within %.2g on %d texts%n",
                Parallel.threads(), worst, tails.length);
    }

    /** ORT's last_hidden_state pooled as tails pools it, over the batches tails forms: sorted by length, BATCH each. */
    private record OrtEmbedder(OrtSession session, SentenceEmbedder tails, int padId) {
        float[][] embed(List<String> texts) throws OrtException {
            List<Encoding> encodings = texts.stream().map(tails::encode).toList();
            int[] order = IntStream.range(0, texts.size()).boxed()
                    .sorted(Comparator.comparingInt(i -> encodings.get(i).length())).mapToInt(Integer::intValue).toArray();
            float[][] vectors = new float[texts.size()][];
            for (int from = 0; from < order.length; from += BATCH) {
                int[] members = Arrays.copyOfRange(order, from, Math.min(order.length, from + BATCH));
                int[][] ids = Arrays.stream(members).mapToObj(i -> encodings.get(i).ids()).toArray(int[][]::new);
                int width = Arrays.stream(ids).mapToInt(row -> row.length).max().orElseThrow();
                try (OrtInputs in = OrtInputs.padded(VsOrt.ENV, ids, width, padId); OrtSession.Result r = in.run(session)) {
                    float[][][] states = (float[][][]) r.get(0).getValue();
                    for (int b = 0; b < members.length; b++) {
                        vectors[members[b]] = pool(states[b], ids[b].length);
                    }
                }
            }
            return vectors;
        }

        private float[] pool(float[][] states, int length) {
            int hidden = states[0].length;
            float[] flat = new float[length * hidden];
            for (int t = 0; t < length; t++) {
                System.arraycopy(states[t], 0, flat, t * hidden, hidden);
            }
            float[] v = tails.config().pooling().pool(flat, length, hidden);
            if (tails.config().normalize()) {
                Pooling.normalize(v);
            }
            return v;
        }
    }
}
