package dev.tails.eval;

import dev.tails.TailsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Raganato et al. (2017)'s unified WSD evaluation: {@code ALL/ALL.data.xml} (sentences of {@code wf} and
 * {@code instance} elements) and {@code ALL/ALL.gold.key.txt} ({@code id key [key ...]} per line).
 * ALL is the five datasets concatenated; an instance's set is its id's prefix.
 */
public final class RaganatoData {
    /** The five datasets of ALL, in the framework's order. */
    public static final List<String> SETS = List.of("senseval2", "senseval3", "semeval2007", "semeval2013", "semeval2015");

    /** Sentences with their instances, and the gold keys of every instance kept. */
    public record Data(List<WsdSentence> sentences, Map<String, Set<String>> gold) {
        public List<WsdSentence.Instance> instances() {
            return sentences.stream().flatMap(s -> s.instances().stream()).toList();
        }
    }

    private RaganatoData() {
    }

    /**
     * Reads {@code dir/ALL}; {@code limit > 0} keeps the first {@code limit} instances of each set
     * (and the sentences that hold them), so a quick run still sees all five.
     */
    public static Data read(Path dir, int limit) {
        Path xml = dir.resolve("ALL").resolve("ALL.data.xml");
        Path keys = dir.resolve("ALL").resolve("ALL.gold.key.txt");
        List<WsdSentence> sentences = sentences(xml, limit);
        Map<String, Set<String>> allGold = gold(keys);
        Map<String, Set<String>> gold = new LinkedHashMap<>();
        for (WsdSentence s : sentences) {
            for (WsdSentence.Instance i : s.instances()) {
                Set<String> g = allGold.get(i.id());
                if (g == null) {
                    throw new TailsException(keys + ": no gold key for instance " + i.id() + " of " + xml);
                }
                gold.put(i.id(), g);
            }
        }
        return new Data(sentences, gold);
    }

    static List<WsdSentence> sentences(Path file, int limit) {
        if (!Files.isRegularFile(file)) {
            throw new TailsException(file + ": data file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = SemcorNaf.factory().createXMLStreamReader(in);
            try {
                return parse(xml, file, limit);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            throw DataFile.error(file, line, "malformed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new TailsException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static List<WsdSentence> parse(XMLStreamReader xml, Path file, int limit) throws XMLStreamException {
        List<WsdSentence> sentences = new ArrayList<>();
        Map<String, Integer> perSet = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        List<String> words = null;
        List<WsdSentence.Instance> instances = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                int line = xml.getLocation().getLineNumber();
                switch (xml.getLocalName()) {
                    case "sentence" -> {
                        words = new ArrayList<>();
                        instances = new ArrayList<>();
                    }
                    case "wf", "instance" -> {
                        if (words == null) {
                            throw DataFile.error(file, line, "<" + xml.getLocalName() + "> outside a <sentence>");
                        }
                        boolean instance = xml.getLocalName().equals("instance");
                        String id = instance ? attribute(xml, "id", file, line) : null;
                        String lemma = instance ? attribute(xml, "lemma", file, line) : null;
                        String pos = instance ? attribute(xml, "pos", file, line) : null;
                        String form = xml.getElementText().strip();
                        if (form.isEmpty()) {
                            throw DataFile.error(file, line, "empty <" + (instance ? "instance" : "wf") + ">");
                        }
                        if (instance) {
                            if (!ids.add(id)) {
                                throw DataFile.error(file, line, "instance id " + id + " appears twice");
                            }
                            WsdSentence.Instance i = new WsdSentence.Instance(id, words.size(), lemma, pos);
                            if (limit <= 0 || perSet.merge(i.set(), 1, Integer::sum) <= limit) {
                                instances.add(i);
                            }
                        }
                        words.add(form);
                    }
                    default -> { }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sentence")) {
                if (!instances.isEmpty()) {
                    sentences.add(new WsdSentence(List.copyOf(words), List.copyOf(instances)));
                }
                words = null;
            }
        }
        return sentences;
    }

    private static String attribute(XMLStreamReader xml, String name, Path file, int line) {
        String value = xml.getAttributeValue(null, name);
        if (value == null || value.isBlank()) {
            throw DataFile.error(file, line, "<instance> lacks the attribute " + name);
        }
        return value;
    }

    /** id -> its gold keys (any of them counts as correct). */
    static Map<String, Set<String>> gold(Path file) {
        List<String> lines = DataFile.lines(file);
        Map<String, Set<String>> gold = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                throw DataFile.error(file, n + 1, "expected an instance id and at least one sense key");
            }
            if (gold.put(fields[0], new LinkedHashSet<>(List.of(fields).subList(1, fields.length))) != null) {
                throw DataFile.error(file, n + 1, "instance " + fields[0] + " has a second line");
            }
        }
        return gold;
    }
}
