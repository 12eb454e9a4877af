package dev.tails.io.hub;

import java.time.Duration;

/**
 * How long the client waits. Tests shorten them; every wait of the client is bounded by one of these.
 *
 * @param backoff       before the first retry of a 429 or 5xx answer (doubled for the next)
 * @param idle          for a connection, for an answer, and between two chunks of a body
 * @param lockWait      for another process (or thread) that is downloading the same file
 * @param progressEvery between two lines of bytes, rate and ETA
 */
record HubTimings(Duration backoff, Duration idle, Duration lockWait, Duration progressEvery) {
    static final HubTimings DEFAULT = new HubTimings(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofSeconds(5));
}
