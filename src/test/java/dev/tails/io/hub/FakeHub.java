package dev.tails.io.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tails.io.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Hub as huggingface_hub sees it, on 127.0.0.1: {@code /api/models/ID/revision/REV} answers
 * with {@code sha} and {@code siblings}; {@code /ID/resolve/REV/FILE} answers a small file itself
 * (ETag = git blob sha1) and redirects a {@code .safetensors} (an LFS file) to a second server, the
 * "CDN", with X-Linked-Etag (sha256) and X-Linked-Size. The CDN honours Range requests. Faults can
 * be ordered: a status for a path, wrong bytes, a connection cut halfway, a Range ignored, a required token.
 */
final class FakeHub implements AutoCloseable {
    /** One request as it arrived, on "hub" or "cdn". */
    record Request(String server, String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.getFirst();
        }
    }

    private record Repo(String commit, Map<String, byte[]> files) {
    }

    private static final long HOLD_SECONDS = 30;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer hub;
    private final HttpServer cdn;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<Integer>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cuts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> corrupted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();
    private final Map<String, Integer> understated = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private volatile String requiredToken;
    private volatile boolean ignoreRange;
    private volatile String heldFile;
    private volatile CountDownLatch heldUntilHeads;

    private FakeHub() throws IOException {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        hub = HttpServer.create(local, 0);
        cdn = HttpServer.create(local, 0);
        hub.createContext("/", exchange -> serve("hub", exchange));
        cdn.createContext("/", exchange -> serve("cdn", exchange));
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.start();
        cdn.start();
    }

    static FakeHub start() throws IOException {
        return new FakeHub();
    }

    String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    private String cdnEndpoint() {
        return "http://127.0.0.1:" + cdn.getAddress().getPort();
    }

    /** A repo whose revision "main" (and its commit hash) has these files, in this order. */
    FakeHub repo(String id, String commit, Map<String, byte[]> files) {
        repos.put(id, new Repo(commit, new LinkedHashMap<>(files)));
        return this;
    }

    /** Requests to the hub without {@code Authorization: Bearer TOKEN} get 401 from now on. */
    void requireToken(String token) {
        requiredToken = token;
    }

    /** The next {@code times} requests whose path ends with {@code pathEnd} get {@code status}. */
    void fail(String pathEnd, int status, int times) {
        failures.put(pathEnd, new ArrayList<>(java.util.Collections.nCopies(times, status)));
    }

    /** The CDN serves this file with one byte changed (its headers still promise the true sha256). */
    void corrupt(String file) {
        corrupted.put(file, true);
    }

    /** The next {@code times} CDN answers for this file stop halfway and close the connection. */
    void cutHalfway(String file, int times) {
        cuts.put(file, new AtomicInteger(times));
    }

    /** The CDN sends half of this file, then nothing more (until the fake Hub is closed, or 60 s). */
    void stallHalfway(String file) {
        stalled.put(file, true);
    }

    /** The hub announces this LFS file as {@code bytes} shorter than it is (X-Linked-Size). */
    void understateSize(String file, int bytes) {
        understated.put(file, bytes);
    }

    /** Requests for {@code oldId} get a relative 307 to {@code newId}, as the Hub answers for a renamed repo. */
    void rename(String oldId, String newId) {
        renamed.put(oldId, newId);
    }

    /** The CDN answers Range requests with the whole file (200), as some servers do. */
    void ignoreRange() {
        ignoreRange = true;
    }

    /** The CDN holds its answer for this file until the hub has seen {@code heads} HEADs of it (30 s at most). */
    void holdUntilHeads(String file, int heads) {
        heldUntilHeads = new CountDownLatch(heads);
        heldFile = file;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String server, String method, String pathEnd) {
        return requests.stream().filter(r -> r.server().equals(server) && r.method().equals(method)
                && r.path().endsWith(pathEnd)).count();
    }

    static String sha256(byte[] bytes) {
        return hex("SHA-256", new byte[0], bytes);
    }

    /** What git (and the Hub's ETag) names a file by: sha1 of "blob SIZE\0" + bytes. */
    static String gitSha1(byte[] bytes) {
        return hex("SHA-1", ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII), bytes);
    }

    private static String hex(String algorithm, byte[] prefix, byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(prefix);
            return HexFormat.of().formatHex(digest.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isLfs(String file) {
        return file.endsWith(".safetensors");
    }

    private void serve(String server, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(server, exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders())));
        try (exchange) {
            Integer status = scriptedFailure(path);
            if (status != null) {
                send(exchange, status, "{\"error\":\"scripted " + status + "\"}", Map.of("X-Error-Message", "scripted failure"));
            } else if (server.equals("hub") && redirectRenamed(exchange, path)) {
                return;
            } else if (server.equals("cdn")) {
                serveBlob(exchange, path.substring(path.lastIndexOf('/') + 1));
            } else if (requiredToken != null && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"Invalid credentials\"}", Map.of("X-Error-Message", "Invalid credentials in Authorization header"));
            } else if (path.startsWith("/api/models/") && path.contains("/revision/")) {
                serveRevision(exchange, path);
            } else if (path.contains("/resolve/")) {
                serveFile(exchange, path);
            } else {
                send(exchange, 404, "{}", Map.of());
            }
        }
    }

    private boolean redirectRenamed(HttpExchange exchange, String path) throws IOException {
        for (var e : renamed.entrySet()) {
            for (String prefix : new String[] {"/", "/api/models/"}) {
                if (path.startsWith(prefix + e.getKey() + "/")) {
                    exchange.getResponseHeaders().set("Location", prefix + e.getValue() + path.substring(prefix.length() + e.getKey().length()));
                    exchange.sendResponseHeaders(307, -1);
                    return true;
                }
            }
        }
        return false;
    }

    private Integer scriptedFailure(String path) {
        for (var e : failures.entrySet()) {
            if (path.endsWith(e.getKey())) {
                synchronized (e.getValue()) {
                    if (!e.getValue().isEmpty()) {
                        return e.getValue().removeFirst();
                    }
                }
            }
        }
        return null;
    }

    private void serveRevision(HttpExchange exchange, String path) throws IOException {
        int at = path.indexOf("/revision/");
        String id = path.substring("/api/models/".length(), at);
        Repo repo = repos.get(id);
        String revision = URLDecoder.decode(path.substring(at + "/revision/".length()), StandardCharsets.UTF_8);
        if (repo == null || !(revision.equals("main") || revision.equals(repo.commit()))) {
            send(exchange, 404, "{}", Map.of("X-Error-Code", repo == null ? "RepoNotFound" : "RevisionNotFound",
                    "X-Error-Message", repo == null ? "Repository not found" : "Invalid rev id: " + revision));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("_id", "0123abcd");
        answer.put("id", id);
        answer.put("sha", repo.commit());
        answer.put("siblings", repo.files().keySet().stream().map(f -> Map.of("rfilename", f)).toList());
        answer.put("private", false);
        send(exchange, 200, Json.MAPPER.writeValueAsString(answer), Map.of("Content-Type", "application/json"));
    }

    private void serveFile(HttpExchange exchange, String path) throws IOException {
        int at = path.indexOf("/resolve/");
        Repo repo = repos.get(path.substring(1, at));
        String rest = path.substring(at + "/resolve/".length());
        String revision = rest.substring(0, rest.indexOf('/'));
        String file = URLDecoder.decode(rest.substring(revision.length() + 1), StandardCharsets.UTF_8);
        if (repo == null || !(revision.equals("main") || revision.equals(repo.commit())) || !repo.files().containsKey(file)) {
            send(exchange, 404, "{}", Map.of("X-Error-Code", "EntryNotFound"));
            return;
        }
        byte[] bytes = repo.files().get(file);
        Headers out = exchange.getResponseHeaders();
        out.set("X-Repo-Commit", repo.commit());
        if (exchange.getRequestMethod().equals("HEAD") && file.equals(heldFile)) {
            heldUntilHeads.countDown();
        }
        if (isLfs(file)) {
            String sha = sha256(bytes);
            out.set("X-Linked-Etag", "\"" + sha + "\"");
            out.set("X-Linked-Size", Long.toString(bytes.length - understated.getOrDefault(file, 0)));
            out.set("ETag", "\"" + gitSha1(("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha + "\nsize "
                    + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII)) + "\"");
            out.set("Location", cdnEndpoint() + "/repos/ab/cd/" + sha);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        out.set("ETag", "\"" + gitSha1(bytes) + "\"");
        sendBytes(exchange, 200, bytes, 0, bytes.length);
    }

    private void serveBlob(HttpExchange exchange, String sha) throws IOException {
        Map.Entry<String, byte[]> found = repos.values().stream().flatMap(r -> r.files().entrySet().stream())
                .filter(e -> isLfs(e.getKey()) && sha256(e.getValue()).equals(sha)).findFirst().orElse(null);
        if (found == null) {
            send(exchange, 404, "", Map.of());
            return;
        }
        String file = found.getKey();
        byte[] bytes = found.getValue().clone();
        if (corrupted.containsKey(file)) {
            bytes[bytes.length / 2] ^= 0x40;
        }
        if (file.equals(heldFile)) {
            awaitHeads();
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = range == null || ignoreRange ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        if (from > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        AtomicInteger cut = cuts.get(file);
        boolean stall = stalled.remove(file) != null;
        if (stall || cut != null && cut.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(from > 0 ? 206 : 200, bytes.length - from);
            OutputStream body = exchange.getResponseBody();
            body.write(bytes, from, (bytes.length - from) / 2);
            body.flush();
            if (stall) {
                sleepUntilClosed();
            }
            // an exception out of the handler makes the server drop the connection mid-body
            throw new IOException("connection cut on purpose after half of " + file);
        }
        sendBytes(exchange, from > 0 ? 206 : 200, bytes, from, bytes.length - from);
    }

    private static void sleepUntilClosed() {
        try {
            Thread.sleep(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHeads() {
        try {
            heldUntilHeads.await(HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sendBytes(exchange, status, bytes, 0, bytes.length);
    }

    /** A HEAD gets the headers only, with the Content-Length its GET would have (set by hand, as the server wants). */
    private static void sendBytes(HttpExchange exchange, int status, byte[] bytes, int from, int length) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        exchange.getResponseBody().write(bytes, from, length);
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }
}
