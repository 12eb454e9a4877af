package dev.tails.io.fetch;

import dev.tails.TailsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Gets an artifact jar by running the user's own {@code mvn}, so their settings, mirrors and
 * proxies apply, then checks it against the SHA-1 Maven stored beside it in the local repository.
 * Plugin versions are pinned so the result does not depend on what "latest" means that day.
 */
public final class MavenResolver {
    private static final String DEPENDENCY_GET = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get";
    private static final String HELP_EVALUATE = "org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate";
    private final String mvn;
    private final Path workDir;

    /** @param workDir where mvn runs: a folder without a pom.xml, so no project gets built */
    public MavenResolver(String mvn, Path workDir) {
        this.mvn = mvn;
        this.workDir = workDir;
    }

    /** The verified jar in the local repository; {@code warn} hears about a missing .sha1. */
    public Path resolve(CatalogEntry e, Consumer<String> warn) {
        run(e, DEPENDENCY_GET, "-Dartifact=" + e.coordinates(), "-Dtransitive=false");
        Path localRepo = Path.of(run(e, HELP_EVALUATE, "-Dexpression=settings.localRepository", "-DforceStdout").trim());
        Path dir = localRepo.resolve(e.groupId().replace('.', '/')).resolve(e.artifactId()).resolve(e.version());
        Path jar = dir.resolve(e.artifactId() + "-" + e.version() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new TailsException(e.coordinates() + ": Maven reported success but " + jar + " is not there");
        }
        Path sha1File = jar.resolveSibling(jar.getFileName() + ".sha1");
        if (Files.isRegularFile(sha1File)) {
            verifySha1(jar, sha1File);
        } else {
            warn.accept("no " + sha1File.getFileName() + " in the local repository; only Maven's own checks vouch for " + jar);
        }
        return jar;
    }

    /** Runs one goal quietly; returns its output with terminal colour codes removed. */
    private String run(CatalogEntry e, String goal, String... args) {
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-q", "-Dstyle.color=never", goal));
        command.addAll(List.of(args));
        String shown = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException ex) {
            throw new TailsException("cannot run Maven for " + e.coordinates() + ": '" + mvn
                    + "' is not on PATH (tails fetch downloads through Maven so your mirrors apply; install it). Tried: "
                    + shown, ex);
        }
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "");
            int rc = p.waitFor();
            if (rc != 0) {
                throw new TailsException("Maven could not get " + e.coordinates() + " (exit " + rc + "). Tried: "
                        + shown + "\n" + tail(text, 20));
            }
            return text;
        } catch (IOException ex) {
            throw new TailsException("reading Maven's output for " + e.coordinates() + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new TailsException("interrupted while Maven fetched " + e.coordinates(), ex);
        }
    }

    static void verifySha1(Path jar, Path sha1File) {
        try {
            String expected = Files.readString(sha1File).trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            try (InputStream in = Files.newInputStream(jar)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha1.update(buf, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equals(expected)) {
                throw new TailsException(jar + ": SHA-1 is " + actual + " but " + sha1File.getFileName() + " says "
                        + expected + " (corrupted download; delete the file and fetch again)");
            }
        } catch (IOException ex) {
            throw new TailsException(jar + ": cannot verify its SHA-1 (" + ex.getMessage() + ")", ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-1", ex);
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
