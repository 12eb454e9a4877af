package dev.tails.attribution;

import dev.tails.Progress;
import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.CorpusRunner;
import dev.tails.model.Model;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partials of two halves of a corpus merge into the attribution of the whole; mismatched partials are refused. */
class AttributionPartialTest {
    private static final Model TINY = Model.load(TestFiles.resource("models/tiny-bert"));
    private static final CorpusRunner RUNNER = new CorpusRunner(TINY, 2, false);
    private static final List<String> FIRST = List.of("The bank raised its rates.", "Hi", "A river bank in spring");
    private static final List<String> SECOND = List.of("Rates fell.", "She sat on the bank of the river and read a book.");

    private static List<String> whole() {
        return java.util.stream.Stream.concat(FIRST.stream(), SECOND.stream()).toList();
    }

    /** The same tokens in other batches and order: float sums in double, equal within 1e-6 (not bit for bit). */
    @Test
    void twoHalvesMergedEqualTheWholeRun() {
        AttributionPartial whole = AttributionPartial.of(RUNNER, 2, 5, 4).add(RUNNER, whole(), Progress.SILENT);
        AttributionPartial merged = AttributionPartial.of(RUNNER, 2, 5, 4).add(RUNNER, FIRST, Progress.SILENT)
                .merge(AttributionPartial.of(RUNNER, 2, 5, 4).add(RUNNER, SECOND, Progress.SILENT));
        Attribution a = whole.result();
        Attribution b = merged.result();
        assertEquals(tokens(whole()), b.tokens(), "a count: exact");
        assertEquals(a.tokens(), b.tokens());
        assertClose(a, b, 1e-6);
    }

    /** `tails attribute` goes through the partial: the same sums in the same order as the study's Attributor. */
    @Test
    void theCommandLinePathIsThePartialPath() {
        Attribution viaAttributor = new Attributor(TINY, List.of(1), 7, 3).run(RUNNER, RUNNER.corpus(whole()), Progress.SILENT).getFirst();
        Attribution viaPartial = AttributionPartial.of(RUNNER, 1, 7, 3).add(RUNNER, whole(), Progress.SILENT).result();
        assertClose(viaAttributor, viaPartial, 0);
    }

    @Test
    void jsonAndJavaSerializationKeepEveryBit() throws IOException, ClassNotFoundException {
        AttributionPartial partial = AttributionPartial.of(RUNNER, 0, 3, 5).add(RUNNER, FIRST, Progress.SILENT);
        assertClose(partial.result(), AttributionPartial.fromJson(partial.toJson()).result(), 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(partial);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertClose(partial.result(), ((AttributionPartial) in.readObject()).result(), 0);
        }
    }

    @Test
    void partialsMadeDifferentlyAreRefusedNamingTheDifference() {
        AttributionPartial dim5 = AttributionPartial.of(RUNNER, 2, 5, 4);
        assertMessage(() -> dim5.merge(AttributionPartial.of(RUNNER, 2, 6, 4)), "dim '5' vs '6'");
        assertMessage(() -> dim5.merge(AttributionPartial.of(RUNNER, 1, 5, 3)), "layer '2' vs '1', top '4' vs '3'");
        CorpusRunner truncating = new CorpusRunner(TINY, 2, true);
        assertMessage(() -> dim5.merge(AttributionPartial.of(truncating, 2, 5, 4)), "truncate 'false' vs 'true'");
        assertMessage(() -> dim5.add(truncating, FIRST, Progress.SILENT), "truncate 'false' vs 'true'");
        Model roberta = Model.load(TestFiles.resource("models/tiny-roberta"));
        assertMessage(() -> AttributionPartial.of(RUNNER, 1, 5, 4).merge(AttributionPartial.of(new CorpusRunner(roberta, 2, false), 1, 5, 4)),
                "model 'tiny-bert' vs 'tiny-roberta'");
    }

    @Test
    void badFilesAndEmptyPartialsAreErrors() {
        String json = AttributionPartial.of(RUNNER, 2, 5, 4).add(RUNNER, FIRST, Progress.SILENT).toJson();
        assertMessage(() -> AttributionPartial.fromJson(json.replace("\"attribute\"", "\"eval-sts\"")), "kind 'eval-sts'");
        assertMessage(() -> AttributionPartial.fromJson(json.replace("tails-partial/1", "tails-partial/0")), "format 'tails-partial/0'");
        assertMessage(() -> AttributionPartial.fromJson(json.replace("\"model.heads\" : \"4\"", "\"model.heads\" : \"3\"")),
                "attention must hold 3 unit sums, got 4");
        assertMessage(() -> AttributionPartial.fromJson("{"), "not a tails attribution partial");
        assertMessage(() -> AttributionPartial.of(RUNNER, 2, 5, 4).result(), "block 2 dim 5: no tokens were counted");
        assertMessage(() -> AttributionPartial.of(RUNNER, 3, 5, 4), "block 3 is out of range");
    }

    /** Tokens with [CLS] and [SEP], counted by the tokenizer alone. */
    private static long tokens(List<String> texts) {
        return texts.stream().mapToLong(t -> TINY.tokenizer().encode(t).length()).sum();
    }

    private static void assertClose(Attribution a, Attribution b, double tolerance) {
        assertEquals(a.layer(), b.layer());
        assertEquals(a.dim(), b.dim());
        assertEquals(a.tokens(), b.tokens());
        assertEquals(a.value(), b.value(), tolerance);
        assertEquals(a.attentionValue(), b.attentionValue(), tolerance);
        assertEquals(a.embeddingValue(), b.embeddingValue(), tolerance);
        assertEquals(a.neurons().stream().map(UnitMean::index).toList(), b.neurons().stream().map(UnitMean::index).toList());
        assertEquals(a.heads().stream().map(UnitMean::index).toList(), b.heads().stream().map(UnitMean::index).toList());
        for (int i = 0; i < a.output().units().length; i++) {
            assertEquals(a.output().units()[i], b.output().units()[i], tolerance, "neuron " + i);
        }
        for (int i = 0; i < a.attention().units().length; i++) {
            assertEquals(a.attention().units()[i], b.attention().units()[i], tolerance, "head " + i);
        }
        assertEquals(a.output().beta(), b.output().beta(), tolerance);
        assertEquals(a.output().residual(), b.output().residual(), tolerance);
        assertEquals(a.attention().bias(), b.attention().bias(), tolerance);
        assertEquals(a.embedding().word(), b.embedding().word(), tolerance);
        assertEquals(a.embedding().position(), b.embedding().position(), tolerance);
    }

    private static void assertMessage(Runnable action, String expected) {
        TailsException e = assertThrows(TailsException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
