package dev.tails.tokenize;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Unigram model alone, on vocabularies small enough to work out by hand. */
class UnigramTest {
    private static List<String> encode(Unigram model, String word) {
        List<String> out = new ArrayList<>();
        model.encode(word, (id, token, from, to) -> out.add(id + ":" + token + "@" + from + "-" + to));
        return out;
    }

    @Test
    void viterbiPrefersTheBestTotalScoreAndFusesUnknownRuns() {
        // the example of HF's Unigram::encode documentation: "abcdacdxx" -> abcd, a, cd, xx
        String[] pieces = {"<unk>", "a", "b", "c", "d", "cd", "ab", "abc", "abcd"};
        double[] scores = {0, 0, 0, 0, 0, 1, 2, 5, 10};
        Unigram model = new Unigram(pieces, scores, 0, false, "test");
        assertEquals(List.of("8:abcd@0-4", "1:a@4-5", "5:cd@5-7", "0:xx@7-9"), encode(model, "abcdacdxx"));
    }

    @Test
    void unknownPenaltyIsTenBelowTheLowestScore() {
        // lowest score 0 (<unk>), so an unknown b scores -10: a + b = 20 - 10 = 10 against the piece ab
        String[] pieces = {"<unk>", "a", "ab"};
        assertEquals(List.of("1:a@0-1", "0:b@1-2"), encode(new Unigram(pieces, new double[] {0, 20, 9.9}, 0, false, "test"), "ab"));
        // a tie keeps the path found first, the one piece from position 0
        assertEquals(List.of("2:ab@0-2"), encode(new Unigram(pieces, new double[] {0, 20, 10}, 0, false, "test"), "ab"));
    }

    @Test
    void surrogatePairsAreOneCharacter() {
        Unigram model = new Unigram(new String[] {"<unk>", "😀", "a"}, new double[] {0, -1, -1}, 0, false, "test");
        assertEquals(List.of("2:a@0-1", "1:😀@1-3", "0:😃@3-5"), encode(model, "a😀😃"));
    }

    @Test
    void byteFallbackSpellsAnUnknownInUtf8BytesWhenEveryByteHasAPiece() {
        String[] pieces = {"<unk>", "a", "<0xC3>", "<0xA9>"};
        Unigram model = new Unigram(pieces, new double[] {0, -1, -2, -2}, 0, true, "test");
        assertEquals(List.of("1:a@0-1", "2:<0xC3>@1-2", "3:<0xA9>@1-2"), encode(model, "aé"));
        // ü is C3 BC and <0xBC> is missing: the unknown id, as HF
        assertEquals(List.of("1:a@0-1", "0:ü@1-2"), encode(model, "aü"));
    }
}
