package dev.tails.io.hub;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes a body into a {@link BodySink} one chunk at a time and records when data last arrived, so
 * that the waiting thread can give up on a stalled server (the JDK client has no read timeout).
 * Without a sink, the body is not read at all (error answers, redirects, HEAD).
 */
final class SinkSubscriber implements BodySubscriber<Void> {
    /** A failure of the sink (the disk, or a body that breaks a rule), told apart from a network failure. */
    static final class SinkFailure extends RuntimeException {
        SinkFailure(Exception cause) {
            super(cause);
        }
    }

    private final BodySink sink;
    private final AtomicLong lastData;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    SinkSubscriber(BodySink sink, AtomicLong lastData) {
        this.sink = sink;
        this.lastData = lastData;
    }

    /** A subscriber whose sink could not be opened: it reads nothing and fails with that cause. */
    static SinkSubscriber failed(Exception cause, AtomicLong lastData) {
        SinkSubscriber subscriber = new SinkSubscriber(null, lastData);
        subscriber.done.completeExceptionally(new SinkFailure(cause));
        return subscriber;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (sink == null) {
            s.cancel();
            done.complete(null);
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        try {
            for (ByteBuffer chunk : chunks) {
                sink.accept(chunk);
            }
            lastData.set(System.nanoTime());
            subscription.request(1);
        } catch (Exception e) {
            subscription.cancel();
            done.completeExceptionally(new SinkFailure(e));
        }
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    /** Stops the transfer from another thread (a stalled server). */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        done.cancel(false);
    }
}
