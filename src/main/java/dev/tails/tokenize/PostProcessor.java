package dev.tails.tokenize;

import java.util.List;

/**
 * Wraps the model's tokens in the special tokens of a template (HF TemplateProcessing,
 * BertProcessing, RobertaProcessing) and assigns type ids; byte-level models also trim the
 * spaces a token carries out of its offsets, as HF's trim_offsets.
 */
final class PostProcessor {
    /** A template element: special token(s), or sequence 0 (A) / 1 (B), with its type id. */
    record Part(int[] ids, String[] tokens, int sequence, int typeId) {
        static Part special(int id, String token, int typeId) {
            return new Part(new int[] {id}, new String[] {token}, -1, typeId);
        }

        static Part sequence(int which, int typeId) {
            return new Part(new int[0], new String[0], which, typeId);
        }
    }

    /** 'Ġ': the byte-level BPE image of the space byte. */
    private static final char BYTE_LEVEL_SPACE = '\u0120';

    private final List<Part> single;
    private final List<Part> pair;
    private final boolean trimOffsets;

    PostProcessor(List<Part> single, List<Part> pair, boolean trimOffsets) {
        this.single = single;
        this.pair = pair;
        this.trimOffsets = trimOffsets;
    }

    /** [CLS] A [SEP] and [CLS] A [SEP] B [SEP], B's part with type id 1. */
    static PostProcessor bert(int clsId, String cls, int sepId, String sep) {
        Part c = Part.special(clsId, cls, 0);
        Part s = Part.special(sepId, sep, 0);
        return new PostProcessor(List.of(c, Part.sequence(0, 0), s),
                List.of(c, Part.sequence(0, 0), s, Part.sequence(1, 1), Part.special(sepId, sep, 1)), false);
    }

    /** &lt;s&gt; A &lt;/s&gt; and &lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;, all type id 0. */
    static PostProcessor roberta(int clsId, String cls, int sepId, String sep, boolean trimOffsets) {
        Part c = Part.special(clsId, cls, 0);
        Part s = Part.special(sepId, sep, 0);
        return new PostProcessor(List.of(c, Part.sequence(0, 0), s),
                List.of(c, Part.sequence(0, 0), s, s, Part.sequence(1, 0), s), trimOffsets);
    }

    Encoding single(TokenList a) {
        return apply(single, a, null);
    }

    Encoding pair(TokenList a, TokenList b) {
        return apply(pair, a, b);
    }

    private Encoding apply(List<Part> template, TokenList a, TokenList b) {
        int n = 0;
        for (Part p : template) {
            n += p.sequence() < 0 ? p.ids().length : (p.sequence() == 0 ? a : b).size();
        }
        int[] ids = new int[n], types = new int[n], special = new int[n], starts = new int[n], ends = new int[n];
        String[] tokens = new String[n];
        int k = 0;
        for (Part p : template) {
            if (p.sequence() < 0) {
                for (int j = 0; j < p.ids().length; j++, k++) {
                    ids[k] = p.ids()[j];
                    tokens[k] = p.tokens()[j];
                    types[k] = p.typeId();
                    special[k] = 1;
                }
                continue;
            }
            TokenList seq = p.sequence() == 0 ? a : b;
            for (int j = 0; j < seq.size(); j++, k++) {
                ids[k] = seq.id(j);
                tokens[k] = seq.token(j);
                types[k] = p.typeId();
                starts[k] = seq.start(j);
                ends[k] = seq.end(j);
                if (trimOffsets) {
                    trim(tokens[k], starts, ends, k);
                }
            }
        }
        return new Encoding(ids, tokens, types, special, starts, ends);
    }

    /** HF ByteLevel process_offsets: leading/trailing 'Ġ' or whitespace of the token leave its span. */
    private static void trim(String token, int[] starts, int[] ends, int k) {
        int leading = 0;
        while (leading < token.length() && isSpace(token.charAt(leading))) {
            leading++;
        }
        int trailing = 0;
        while (trailing < token.length() && isSpace(token.charAt(token.length() - 1 - trailing))) {
            trailing++;
        }
        if (leading > 0) {
            starts[k] = Math.min(starts[k] + leading, ends[k]);
        }
        if (trailing > 0 && ends[k] >= trailing) {
            ends[k] = Math.max(ends[k] - trailing, starts[k]);
        }
    }

    private static boolean isSpace(char c) {
        return c == BYTE_LEVEL_SPACE || Unicode.isWhitespace(c);
    }
}
