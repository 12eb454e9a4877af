package dev.tails.eval;

import dev.tails.TailsException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads SemCor 3.0 in NAF XML (one {@code .naf} per Brown document) straight from its {@code .tar.xz},
 * without unpacking: per sentence ({@code wf/@sent}) the word forms, and per sense-annotated term the
 * words it spans and its sense keys, {@code term/@lemma + "%" + lexical_key}.
 * <ul>
 *   <li>A word form joined by underscores ("Mr._Speaker", "took_off") is a multiword: the model reads
 *       it with spaces and its tag covers all of it.</li>
 *   <li>A lexical key "k1;k2" (or several lexical_key refs) gives the words to each of the keys.</li>
 *   <li>Satellite head words carry an adjective marker WordNet's sense keys lack ("some(a)" -> "some").</li>
 *   <li>A term spanning several words tags them from its first to its last (this packaging has none).</li>
 * </ul>
 * Keys SemCor has but WordNet 3.0 does not (terms with sense number 0) are read like the rest;
 * they never match a WordNet candidate.
 */
public final class SemcorNaf {
    private static final Pattern ADJECTIVE_MARKER = Pattern.compile("\\((a|p|ip)\\)");

    private SemcorNaf() {
    }

    /** The sentences of every {@code .naf} entry in archive order; {@code limit > 0} keeps the first that many. */
    public static List<TaggedSentence> read(Path archive, int limit) {
        if (!Files.isRegularFile(archive)) {
            throw new TailsException(archive + ": data file not found");
        }
        List<TaggedSentence> sentences = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null && (limit <= 0 || sentences.size() < limit)) {
                if (entry.isFile() && entry.getName().endsWith(".naf")) {
                    // StAX closes its input at the end of a document: hand it the entry's bytes, not the tar stream.
                    sentences.addAll(document(new ByteArrayInputStream(tar.readAllBytes()), archive + "!" + entry.getName()));
                }
            }
        } catch (IOException e) {
            throw new TailsException(archive + ": cannot read the .tar.xz (" + e.getMessage() + ")", e);
        }
        return limit > 0 && sentences.size() > limit ? List.copyOf(sentences.subList(0, limit)) : sentences;
    }

    /** The sentences of one NAF document; {@code where} names it in errors. */
    public static List<TaggedSentence> document(InputStream naf, String where) {
        try {
            XMLStreamReader xml = factory().createXMLStreamReader(naf);
            try {
                return new Document(where).parse(xml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            throw DataFile.error(where, line, "malformed XML: " + e.getMessage());
        }
    }

    /** The sense key of a term's lemma and one lexical key, in WordNet's spelling. */
    public static String senseKey(String lemma, String lexicalKey) {
        return lemma.toLowerCase(Locale.ROOT) + "%" + ADJECTIVE_MARKER.matcher(lexicalKey).replaceAll("");
    }

    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /** One document's words by sentence, then its terms. */
    private static final class Document {
        private final String where;
        private final Map<String, List<String>> sentenceWords = new LinkedHashMap<>();
        private final Map<String, List<TaggedSentence.Tag>> sentenceTags = new HashMap<>();
        /** wf id -> {sentence id, word index}. */
        private final Map<String, Object[]> wordAt = new HashMap<>();

        Document(String where) {
            this.where = where;
        }

        List<TaggedSentence> parse(XMLStreamReader xml) throws XMLStreamException {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "wf" -> word(xml);
                    case "term" -> term(xml);
                    default -> { }
                }
            }
            List<TaggedSentence> out = new ArrayList<>();
            sentenceWords.forEach((id, words) ->
                    out.add(new TaggedSentence(List.copyOf(words), List.copyOf(sentenceTags.getOrDefault(id, List.of())))));
            return out;
        }

        private void word(XMLStreamReader xml) throws XMLStreamException {
            int line = xml.getLocation().getLineNumber();
            String id = required(xml, "id", line);
            String sentence = required(xml, "sent", line);
            String form = xml.getElementText().strip().replace('_', ' ');
            if (form.isEmpty()) {
                throw DataFile.error(where, line, "wf " + id + " has no text");
            }
            List<String> words = sentenceWords.computeIfAbsent(sentence, s -> new ArrayList<>());
            if (wordAt.put(id, new Object[] {sentence, words.size()}) != null) {
                throw DataFile.error(where, line, "wf id " + id + " appears twice");
            }
            words.add(form);
        }

        /** Reads a term up to its end tag; only terms with a lexical_key become tags. */
        private void term(XMLStreamReader xml) throws XMLStreamException {
            int line = xml.getLocation().getLineNumber();
            String lemma = xml.getAttributeValue(null, "lemma");
            List<String> targets = new ArrayList<>();
            List<String> lexicalKeys = new ArrayList<>();
            while (!(xml.next() == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("term"))) {
                if (xml.getEventType() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (xml.getLocalName().equals("target")) {
                    targets.add(required(xml, "id", xml.getLocation().getLineNumber()));
                } else if (xml.getLocalName().equals("externalRef") && "lexical_key".equals(xml.getAttributeValue(null, "reftype"))) {
                    for (String key : required(xml, "reference", xml.getLocation().getLineNumber()).split(";")) {
                        lexicalKeys.add(key.strip());
                    }
                }
            }
            if (lexicalKeys.isEmpty()) {
                return;
            }
            if (lemma == null || lemma.isBlank() || targets.isEmpty()) {
                throw DataFile.error(where, line, "a sense-annotated term needs a lemma and at least one target");
            }
            String sentence = null;
            int from = Integer.MAX_VALUE;
            int to = -1;
            for (String target : targets) {
                Object[] at = wordAt.get(target);
                if (at == null) {
                    throw DataFile.error(where, line, "term targets wf " + target + ", which no earlier wf has as id");
                }
                if (sentence != null && !sentence.equals(at[0])) {
                    throw DataFile.error(where, line, "term spans words of two sentences");
                }
                sentence = (String) at[0];
                from = Math.min(from, (int) at[1]);
                to = Math.max(to, (int) at[1] + 1);
            }
            List<String> keys = lexicalKeys.stream().map(k -> senseKey(lemma, k)).distinct().toList();
            sentenceTags.computeIfAbsent(sentence, s -> new ArrayList<>()).add(new TaggedSentence.Tag(from, to, keys));
        }

        private String required(XMLStreamReader xml, String attribute, int line) {
            String value = xml.getAttributeValue(null, attribute);
            if (value == null) {
                throw DataFile.error(where, line, "<" + xml.getLocalName() + "> lacks the attribute " + attribute);
            }
            return value;
        }
    }
}
