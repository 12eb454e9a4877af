package dev.tails.eval;

import dev.tails.TailsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Penn Treebank .mrg files: bracketed s-expressions, one tree per top-level "( ... )".
 * Trace leaves (-NONE-) are dropped, and so are constituents they leave empty.
 */
public final class PtbReader {
    private final Path file;
    private final String text;
    private int pos;
    private int line = 1;

    private PtbReader(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The trees of every .mrg file of a folder, files in name order. */
    public static List<ParseTree> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TailsException(dir + ": treebank folder not found");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<ParseTree> trees = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".mrg")).sorted().toList()) {
                trees.addAll(readFile(f));
            }
            if (trees.isEmpty()) {
                throw new TailsException(dir + ": no trees in .mrg files");
            }
            return trees;
        } catch (IOException e) {
            throw new TailsException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    public static List<ParseTree> readFile(Path file) {
        return new PtbReader(file, String.join("\n", DataFile.lines(file))).trees();
    }

    private List<ParseTree> trees() {
        List<ParseTree> trees = new ArrayList<>();
        skipSpace();
        while (pos < text.length()) {
            ParseTree tree = node();
            if (tree != null) {
                // The PTB wraps each sentence in an unlabeled root: "( (S ...) )".
                trees.add(tree.label().isEmpty() && tree.children().size() == 1 ? tree.children().getFirst() : tree);
            }
            skipSpace();
        }
        return trees;
    }

    /** One bracketed node, or null when only traces were inside it. */
    private ParseTree node() {
        expect('(');
        String label = token();
        skipSpace();
        if (peek() != '(') {
            String word = token();
            expect(')');
            return label.equals("-NONE-") ? null : ParseTree.leaf(label, word);
        }
        List<ParseTree> children = new ArrayList<>();
        while (peek() == '(') {
            ParseTree child = node();
            if (child != null) {
                children.add(child);
            }
        }
        expect(')');
        return children.isEmpty() ? null : new ParseTree(label, null, children);
    }

    private String token() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "()".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private char peek() {
        skipSpace();
        if (pos >= text.length()) {
            throw DataFile.error(file, line, "unexpected end of file inside a tree");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw DataFile.error(file, line, "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            if (text.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
    }
}
