package dev.tails;

import dev.tails.model.MaskFill;
import dev.tails.model.MaskPredictions;
import dev.tails.model.Model;
import dev.tails.model.ModelConfig;
import dev.tails.model.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tails as a consumer gets it: the jar just built (-Dtails.jar) and this pom, installed into a fresh
 * local repository, and the project in src/test/consumer, whose only dependency is tails, built
 * against it by Maven. Every other artifact comes from the build's own local repository (a file://
 * repository ahead of Central), so it needs no network when the build has run before. Run by {@code mvn -Plibrary verify} (after the jar is packaged).
 */
class LibraryConsumerIT {
    private static final String SENTENCE = "The bank raised its rates.";
    private static final String MASKED = "The capital of France is [MASK].";

    @TempDir
    Path dir;

    @Test
    void consumerGetsJacksonOnlyAndRunsForwardHooksEmbedAndFillMask() throws Exception {
        Path jar = Path.of(System.getProperty("tails.jar", "target/tails.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no tails jar at " + jar + ": run `mvn -Plibrary verify`");
        String version = System.getProperty("tails.version");
        Path local = Path.of(System.getProperty("tails.m2.repo", System.getProperty("user.home") + "/.m2/repository"));
        Path repo = dir.resolve("repo");
        Path settings = dir.resolve("settings.xml");
        // The build's local repository is asked first, Central only for what it lacks (a fresh machine).
        Files.writeString(settings, """
                <settings><profiles><profile><id>build</id>
                  <repositories><repository><id>build</id><url>%1$s</url></repository></repositories>
                  <pluginRepositories><pluginRepository><id>build</id><url>%1$s</url></pluginRepository></pluginRepositories>
                </profile></profiles><activeProfiles><activeProfile>build</activeProfile></activeProfiles></settings>
                """.formatted(local.toUri()));
        Path project = dir.resolve("consumer");
        copyTree(Path.of("src/test/consumer"), project);
        List<String> mvn = List.of("mvn", "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repo);

        // Outside the consumer's folder, so Maven does not read its pom for this goal.
        maven(dir, mvn, "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + jar, "-DpomFile=" + Path.of("pom.xml").toAbsolutePath());
        maven(project, mvn, "-Dtails.version=" + version, "compile", "dependency:tree", "-DoutputFile=tree.txt",
                "dependency:build-classpath", "-Dmdep.outputFile=classpath.txt");

        // The tree's first line is the consumer itself; the rest are what it pulls in.
        List<String> tree = Files.readAllLines(project.resolve("tree.txt"));
        Set<String> pulled = tree.stream().skip(1).map(LibraryConsumerIT::groupArtifact).collect(Collectors.toSet());
        assertEquals(Set.of("dev.tails:tails", "com.fasterxml.jackson.core:jackson-databind",
                "com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-annotations"),
                pulled, String.join("\n", tree));

        Path tiny = TestFiles.resource("models/tiny-bert");
        Path mlm = MlmFolders.withHead("tiny-bert", Files.createDirectory(dir.resolve("tiny-bert-mlm")));
        String classpath = project.resolve("target/classes") + File.pathSeparator
                + Files.readString(project.resolve("classpath.txt")).strip();
        String out = run(project, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the one flag the README tells a consumer to pass
                "--add-modules", "jdk.incubator.vector",
                "-cp", classpath, "consumer.Main", tiny.toString(), mlm.toString()));

        assertEquals(expected(tiny, mlm), out.lines().filter(l -> !l.startsWith("WARNING:")).toList(), out);
    }

    /** What the consumer must print, computed here in the build's own classpath. */
    private static List<String> expected(Path tiny, Path mlm) {
        Model model = Model.load(tiny);
        ModelConfig c = model.config();
        int tokens = model.encode(SENTENCE, false).length();
        List<String> lines = new ArrayList<>(List.of(
                String.format(Locale.ROOT, "forward states=%d hidden=%d tokens=%d", c.numLayers() + 1, c.hiddenSize(), tokens),
                String.format(Locale.ROOT, "hook blocks.0.mlp.hook_post shape=[%d, %d] edited=true", tokens, c.intermediateSize())));
        float[][] vectors = model.embed(List.of(SENTENCE, "Another text."), Pooling.MEAN, true);
        lines.add(String.format(Locale.ROOT, "embed texts=%d dims=%d first=%.4f", vectors.length, vectors[0].length, vectors[0][0]));
        for (MaskPredictions mask : Model.load(mlm).fillMask(MASKED, 3)) {
            for (MaskFill fill : mask.fills()) {
                lines.add(String.format(Locale.ROOT, "fill %d %s %.4f", mask.position(), fill.tokenStr(), fill.score()));
            }
        }
        return lines;
    }

    /** "group:artifact" of a dependency:tree line such as "   \- g:a:jar:1.0:compile". */
    private static String groupArtifact(String line) {
        String[] coordinates = line.replaceFirst("^[\\s|+\\\\-]+", "").split(":");
        return coordinates[0] + ":" + coordinates[1];
    }

    private static void maven(Path workDir, List<String> mvn, String... args) throws Exception {
        List<String> command = new ArrayList<>(mvn);
        command.addAll(List.of(args));
        run(workDir, command);
    }

    /** Runs the command with this JVM's JDK as JAVA_HOME; its output, or a failure that shows it. */
    private static String run(Path workDir, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }
}
