package dev.tails.io.hub;

import dev.tails.TailsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client's requests, as huggingface_hub makes them: the token as {@code Authorization: Bearer}
 * to the Hub's host only (never to the CDN an LFS file redirects to), bounded retries of 429
 * and 5xx with a doubling backoff, redirects followed by hand, and no wait without a bound.
 */
final class HubHttp implements AutoCloseable {
    static final int MAX_ATTEMPTS = 3;
    private static final int MAX_REDIRECTS = 5;
    private static final long POLL_MILLIS = 100;
    private static final String USER_AGENT = "tails/0.1.0; java/" + Runtime.version().feature();

    /** A final answer: its status and headers, and the URL that gave it (redirects followed). */
    record Answer(int status, HttpHeaders headers, URI url) {
        /** The redirect target of a 3xx answer, resolved against the URL that gave it. */
        URI location(HubFile what) {
            String value = headers.firstValue("Location")
                    .orElseThrow(() -> new TailsException(what + ": redirect " + status + " from " + url + " has no Location"));
            try {
                URI target = url.resolve(value);
                if (("http".equals(target.getScheme()) || "https".equals(target.getScheme())) && target.getHost() != null) {
                    return target;
                }
            } catch (IllegalArgumentException e) {
                // reported below with the rule
            }
            throw new TailsException(what + ": " + url + " redirects to '" + value + "', which is not an http(s) URL");
        }

        /** A Location without a host stays on the same site (huggingface_hub follows those even in a HEAD). */
        boolean locationIsRelative() {
            return URI.create(headers.firstValue("Location").orElseThrow()).getHost() == null;
        }
    }

    /** Where the body of a 2xx answer goes, chosen once its status and headers are known. */
    interface SinkFactory {
        BodySink open(HttpResponse.ResponseInfo info) throws IOException;
    }

    private final HubEnvironment env;
    private final HubTimings timings;
    private final HttpClient client;

    HubHttp(HubEnvironment env, HubTimings timings) {
        this.env = env;
        this.timings = timings;
        // HTTP/1.1: a download is one stream, and plain-http endpoints get no h2c upgrade attempt
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timings.idle()).build();
    }

    /**
     * huggingface_hub's get_hf_file_metadata: a HEAD that follows only relative redirects (a renamed
     * repo); a redirect to another host (an LFS file on a CDN) is the answer, its Location the download URL.
     */
    Answer head(URI url, HubFile what) {
        return follow("HEAD", url, Map.of(), what, null, () -> { }, false);
    }

    /** A GET that follows every redirect; the body of the final 2xx answer goes to the sink {@code sinks} opens. */
    Answer get(URI url, Map<String, String> headers, HubFile what, SinkFactory sinks, Runnable tick) {
        return follow("GET", url, headers, what, sinks, tick, true);
    }

    /** A small answer read whole (the revision lookup), refused past {@code limit} bytes. */
    byte[] getBytes(URI url, HubFile what, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        get(url, Map.of("Accept", "application/json"), what, info -> chunk -> {
            if (out.size() + chunk.remaining() > limit) {
                throw new TailsException(what + ": the answer of " + url.getHost() + " is larger than " + limit + " bytes");
            }
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            out.write(bytes, 0, bytes.length);
        }, () -> { });
        return out.toByteArray();
    }

    private Answer follow(String method, URI url, Map<String, String> headers, HubFile what, SinkFactory sinks,
                          Runnable tick, boolean followToOtherHosts) {
        URI at = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Answer answer = withRetries(method, at, headers, sendsToken(at), what, sinks, tick);
            if (answer.status() < 300 || answer.status() > 399) {
                return answer;
            }
            URI next = answer.location(what);
            if (!answer.locationIsRelative() && !followToOtherHosts) {
                return answer;
            }
            at = next;
        }
        throw new TailsException(what + ": more than " + MAX_REDIRECTS + " redirects from " + url);
    }

    private Answer withRetries(String method, URI url, Map<String, String> headers, boolean sendToken, HubFile what,
                               SinkFactory sinks, Runnable tick) {
        for (int attempt = 1; ; attempt++) {
            Answer answer = once(method, url, headers, sendToken, what, sinks, tick);
            if (answer.status() < 400) {
                return answer;
            }
            if (!HubErrors.retryable(answer.status()) || attempt == MAX_ATTEMPTS) {
                throw HubErrors.of(answer.status(), answer.headers(), what, env, attempt);
            }
            sleep(timings.backoff().multipliedBy(1L << (attempt - 1)), what);
        }
    }

    private Answer once(String method, URI url, Map<String, String> headers, boolean sendToken, HubFile what,
                        SinkFactory sinks, Runnable tick) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(timings.idle()).header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");  // sizes and hashes are of the bytes as stored
        headers.forEach(request::header);
        if (sendToken) {
            request.header("Authorization", "Bearer " + env.token().value());
        }
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicReference<SinkSubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request.build(), info -> {
            lastData.set(System.nanoTime());
            boolean wanted = sinks != null && info.statusCode() / 100 == 2;
            try {
                body.set(new SinkSubscriber(wanted ? sinks.open(info) : null, lastData));
            } catch (IOException | RuntimeException e) {
                body.set(SinkSubscriber.failed(e, lastData));
            }
            return body.get();
        });
        HttpResponse<Void> response = await(future, lastData, body, url, what, tick);
        return new Answer(response.statusCode(), response.headers(), response.uri());
    }

    /** Waits for the answer and its body, giving up when nothing has arrived for the idle time. */
    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future, AtomicLong lastData,
                                     AtomicReference<SinkSubscriber> body, URI url, HubFile what, Runnable tick) {
        long idleNanos = timings.idle().toNanos();
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    tick.run();
                    if (System.nanoTime() - lastData.get() > idleNanos) {
                        abort(future, body);
                        throw new HubUnreachableException(what + ": no data from " + url.getHost() + " for "
                                + timings.idle().toSeconds() + " s; check the network and run again", e);
                    }
                }
            }
        } catch (ExecutionException e) {
            throw failure(e.getCause(), url, what);
        } catch (InterruptedException e) {
            abort(future, body);
            Thread.currentThread().interrupt();
            throw new TailsException(what + ": interrupted while talking to " + url.getHost(), e);
        }
    }

    private RuntimeException failure(Throwable cause, URI url, HubFile what) {
        if (cause instanceof SinkSubscriber.SinkFailure sink) {
            return sink.getCause() instanceof TailsException refused ? refused
                    : new TailsException(what + ": cannot store what " + url.getHost() + " sent: " + sink.getCause(), sink.getCause());
        }
        return new HubUnreachableException(what + ": cannot reach " + url.getScheme() + "://" + url.getAuthority() + " ("
                + cause + "): check the network or HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use the cache", cause);
    }

    private static void abort(CompletableFuture<?> future, AtomicReference<SinkSubscriber> body) {
        SinkSubscriber subscriber = body.get();
        if (subscriber != null) {
            subscriber.cancel();
        }
        future.cancel(true);
    }

    /** The token goes to the Hub only: an LFS file's CDN URL is signed, and must not learn it. */
    private boolean sendsToken(URI url) {
        return env.token() != null && sameOrigin(url, URI.create(env.endpoint()));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost() == null ? null : b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void sleep(Duration wait, HubFile what) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TailsException(what + ": interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
