package dev.tails.eval;

import dev.tails.TailsException;
import dev.tails.TestFiles;
import dev.tails.corpus.Clip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WSD pieces: SemCor and Raganato readers on excerpts, the scorer and 1-NN on hand-checked cases. */
class WsdTest {
    private static final Path NAF = TestFiles.resource("eval/wsd/br-h13-excerpt.naf");
    private static final Path EVAL = TestFiles.resource("eval/wsd");

    private static void assertErrorNames(String expected, Runnable read) {
        TailsException e = assertThrows(TailsException.class, read::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<TaggedSentence> naf(String body) {
        return SemcorNaf.document(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "doc.naf");
    }

    @Test
    void semcorExcerptGivesWordsAndSenseKeys() throws IOException {
        List<TaggedSentence> sentences = SemcorNaf.document(Files.newInputStream(NAF), "excerpt");
        assertEquals(1, sentences.size());
        TaggedSentence s = sentences.getFirst();
        assertEquals(35, s.words().size());
        assertEquals("Mr. Speaker", s.words().getFirst(), "underscores of a multiword become spaces");
        assertEquals("railroads", s.words().get(8));
        // t2 ("for") has no lexical key: five tags, in term order.
        assertEquals(List.of(
                new TaggedSentence.Tag(0, 1, List.of("person%1:03:00::")),
                new TaggedSentence.Tag(3, 4, List.of("several%5:00:00:some:00")),
                new TaggedSentence.Tag(4, 5, List.of("year%1:28:01::")),
                new TaggedSentence.Tag(9, 10, List.of("serve%2:41:02::")),
                new TaggedSentence.Tag(13, 14, List.of("area%1:15:01::"))), s.tags());
    }

    @Test
    void semcorReadsTheArchiveWithoutUnpackingAndHonoursTheLimit(@TempDir Path dir) throws IOException {
        byte[] doc = Files.readAllBytes(NAF);
        Path archive = TestFiles.tarXz(dir.resolve("semcor.tar.xz"), Map.of(
                "./semcor3.0/brown1/a.naf", doc, "./README.md", "not NAF".getBytes(StandardCharsets.UTF_8),
                "./semcor3.0/brown1/b.naf", doc));
        assertEquals(2, SemcorNaf.read(archive, 0).size());
        assertEquals(1, SemcorNaf.read(archive, 1).size());
    }

    @Test
    void severalKeysAndTargetsOfOneTerm() {
        List<TaggedSentence> s = naf("""
                <NAF><text><wf id="a" sent="3">It</wf><wf id="b" sent="3">is</wf><wf id="c" sent="3">obvious</wf>
                <wf id="d" sent="4">Next</wf></text><terms>
                <term id="t1" lemma="obvious"><span><target id="c"/><target id="b"/></span><externalReferences>
                <externalRef reference="3:00:04::;3:00:00::" reftype="lexical_key"/></externalReferences></term>
                </terms></NAF>""");
        assertEquals(List.of("It", "is", "obvious"), s.getFirst().words());
        assertEquals(List.of(new TaggedSentence.Tag(1, 3, List.of("obvious%3:00:04::", "obvious%3:00:00::"))),
                s.getFirst().tags());
        assertEquals(List.of(), s.get(1).tags());
    }

    @Test
    void malformedSemcorNamesTheEntryAndLine(@TempDir Path dir) throws IOException {
        assertErrorNames("doc.naf line 3: term targets wf zz", () -> naf("""
                <NAF><text><wf id="a" sent="1">It</wf></text>
                <terms>
                <term id="t1" lemma="it"><span><target id="zz"/></span><externalReferences>
                <externalRef reference="1:00:00::" reftype="lexical_key"/></externalReferences></term></terms></NAF>"""));
        assertErrorNames("doc.naf line 2: <wf> lacks the attribute sent", () -> naf("<NAF><text>\n<wf id=\"a\">It</wf></text></NAF>"));
        Path archive = TestFiles.tarXz(dir.resolve("s.tar.xz"), Map.of("x/bad.naf",
                "<NAF>\n<text>\n<wf id=\"a\" sent=\"1\">It</text></NAF>".getBytes(StandardCharsets.UTF_8)));
        assertErrorNames("s.tar.xz!x/bad.naf line 3: malformed XML", () -> SemcorNaf.read(archive, 0));
        assertErrorNames("none.tar.xz: data file not found", () -> SemcorNaf.read(dir.resolve("none.tar.xz"), 0));
    }

    @Test
    void raganatoExcerptKeepsWordsInstancesAndGold() {
        RaganatoData.Data data = RaganatoData.read(EVAL, 0);
        assertEquals(4, data.sentences().size());
        assertEquals(16, data.instances().size());
        WsdSentence first = data.sentences().getFirst();
        assertEquals("If he is competent and conscientious , he serves us well .", JoinedWords.of(first.words()).text());
        assertEquals(new WsdSentence.Instance("senseval2.d002.s031.t002", 8, "serve", "VERB"), first.instances().get(2));
        assertEquals("senseval2", first.instances().get(2).set());
        assertEquals(Set.of("competent%3:00:00::", "competent%5:00:00:adequate:00"), data.gold().get("senseval2.d002.s031.t000"));
        // --limit 2: the first two instances of each set, so every set is still there.
        List<WsdSentence.Instance> two = RaganatoData.read(EVAL, 2).instances();
        assertEquals(8, two.size());
        assertEquals(List.of("senseval2.d002.s031.t000", "senseval2.d002.s031.t001", "senseval3.d002.s035.t000",
                        "senseval3.d002.s035.t001", "semeval2013.d012.s018.t000", "semeval2013.d012.s018.t001",
                        "semeval2015.d001.s051.t000", "semeval2015.d001.s051.t001"),
                two.stream().map(WsdSentence.Instance::id).toList());
    }

    @Test
    void multiwordInstanceIsOneWordOfTheJoinedText(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("ALL"));
        Files.writeString(dir.resolve("ALL/ALL.data.xml"), """
                <corpus><text id="d"><sentence id="senseval2.d.s0">
                <wf lemma="they" pos="PRON">They</wf>
                <instance id="senseval2.d.s0.t0" lemma="belong_to" pos="VERB">belong to</instance>
                <wf lemma="it" pos="PRON">it</wf>
                </sentence></text></corpus>""");
        Files.writeString(dir.resolve("ALL/ALL.gold.key.txt"), "senseval2.d.s0.t0 belong_to%2:42:00::\n");
        WsdSentence s = RaganatoData.read(dir, 0).sentences().getFirst();
        JoinedWords joined = JoinedWords.of(s.words());
        assertEquals("They belong to it", joined.text());
        assertEquals(1, s.instances().getFirst().word());
        assertArrayEquals(new int[] {0, 5, 15}, joined.starts());
        assertArrayEquals(new int[] {4, 14, 17}, joined.ends());
    }

    @Test
    void malformedRaganatoNamesFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("ALL"));
        assertErrorNames("ALL.data.xml: data file not found", () -> RaganatoData.read(dir, 0));
        Files.writeString(dir.resolve("ALL/ALL.data.xml"), """
                <corpus><text id="d"><sentence id="s">
                <wf lemma="a" pos="DET">A</wf>
                <instance id="senseval2.x" pos="NOUN">cat</instance>
                </sentence></text></corpus>""");
        assertErrorNames("ALL.data.xml line 3: <instance> lacks the attribute lemma", () -> RaganatoData.read(dir, 0));
        Files.writeString(dir.resolve("ALL/ALL.data.xml"), """
                <corpus><text id="d"><sentence id="s">
                <instance id="senseval2.x" lemma="cat" pos="NOUN">cat</instance>
                </sentence></text></corpus>""");
        Files.writeString(dir.resolve("ALL/ALL.gold.key.txt"), "senseval2.y cat%1:05:00::\nsenseval2.x\n");
        assertErrorNames("ALL.gold.key.txt line 2: expected an instance id and at least one sense key",
                () -> RaganatoData.read(dir, 0));
        Files.writeString(dir.resolve("ALL/ALL.gold.key.txt"), "senseval2.y cat%1:05:00::\n");
        assertErrorNames("ALL.gold.key.txt: no gold key for instance senseval2.x", () -> RaganatoData.read(dir, 0));
        Files.writeString(dir.resolve("ALL/ALL.data.xml"), "<corpus>\n<sentence>\n<wf>A</sentence>");
        assertErrorNames("ALL.data.xml line 3: malformed XML", () -> RaganatoData.read(dir, 0));
    }

    @Test
    void scorerCountsAnyGoldKeyAndLeavesUnansweredOutOfPrecision() {
        Map<String, Set<String>> gold = Map.of("a", Set.of("x%1"), "b", Set.of("y%1", "y%2"), "c", Set.of("z%1"),
                "d", Set.of("w%1"));
        Map<String, String> answers = new java.util.HashMap<>(Map.of("a", "x%1", "b", "y%2", "c", "z%9"));
        answers.put("d", null);
        WsdScore score = WsdScore.of(List.of("a", "b", "c", "d"), answers, gold);
        // 2 correct (b by its second gold key) of 3 answered, of 4: P = 2/3, R = 1/2, F1 = 2PR/(P+R) = 4/7.
        assertEquals(new WsdScore(2, 3, 4), score);
        assertEquals(2.0 / 3, score.precision(), 1e-12);
        assertEquals(0.5, score.recall(), 1e-12);
        assertEquals(4.0 / 7, score.f1(), 1e-12);
        assertEquals(0, WsdScore.of(List.of("c"), answers, gold).f1(), "no correct answer: F1 0, not NaN");
    }

    @Test
    void nearestSenseOnHandMadeVectors() {
        // Candidates in WordNet order: k1 (never seen), k2, k3. Dim 2 is a huge "tail".
        List<String> candidates = List.of("k1", "k2", "k3");
        SenseVectors senses = new SenseVectors(candidates, 1, 3);
        senses.add("k2", new float[][] {{0, 1, 10}});
        senses.add("k3", new float[][] {{1, 0, -10}});
        senses.add("k3", new float[][] {{1, 0, -10}});
        senses.add("other", new float[][] {{1, 0, 10}});
        assertEquals(2, senses.count("k3"));
        assertEquals(0, senses.count("other"), "keys that are no candidate are not kept");
        float[] v = {1, 0, 10};
        // Raw: cos(v, k2) = 100/101, cos(v, k3) = -99/101 -> k2. With dim 2 zeroed: cos 0 vs 1 -> k3.
        assertEquals("k2", NearestSense.choose(candidates, v, 0, senses, Clip.none(3)));
        assertEquals("k3", NearestSense.choose(candidates, v, 0, senses, Clip.of(3, 2)));
        assertEquals(100 / 101.0, senses.cosine("k2", 0, v, Clip.none(3)), 1e-12);
        // None seen: WordNet's first sense; no candidate at all: no answer.
        assertEquals("k9", NearestSense.choose(List.of("k9", "k8"), v, 0, senses, Clip.none(3)));
        assertNull(NearestSense.choose(List.of(), v, 0, senses, Clip.none(3)));
        // Equal cosines: the earlier in WordNet order wins.
        SenseVectors tie = new SenseVectors(List.of("p", "q"), 1, 2);
        tie.add("q", new float[][] {{1, 1}});
        tie.add("p", new float[][] {{2, 2}});
        assertEquals("p", NearestSense.choose(List.of("p", "q"), new float[] {1, 0}, 0, tie, Clip.none(2)));
    }

    @Test
    void wordNetListsSenseKeysInWordNetOrder() {
        WordNetSenses wordNet = new WordNetSenses();
        // WordNet 3.0 index.noun: "bank n 10 ... 09213565 08420278 ..." = sloping land, then the institution.
        List<String> bank = wordNet.senseKeys("bank", "NOUN");
        assertEquals(10, bank.size());
        assertEquals(List.of("bank%1:17:01::", "bank%1:14:00::"), bank.subList(0, 2));
        // Satellite adjectives carry their head word: index.adj "several a 3 ... 02268269 ...", and data.adj
        // 02268269 is a satellite of 02267309 (some).
        assertEquals("several%5:00:00:some:00", wordNet.senseKeys("several", "ADJ").getFirst());
        assertEquals(List.of("belong_to%2:42:00::"), wordNet.senseKeys("belong_to", "VERB"));
        assertEquals(List.of(), wordNet.senseKeys("the", "DET"));
        assertEquals(List.of(), wordNet.senseKeys("qwxzv", "NOUN"));
    }
}
