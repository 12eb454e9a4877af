package dev.tails.io.hub;

import dev.tails.TailsException;

/** The Hub answered with an error status; the message names the repo (and file) and what to do. */
public final class HubStatusException extends TailsException {
    private final int status;

    HubStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
