package dev.tails.io.hub;

import dev.tails.TailsException;

/** No answer from the Hub (connection refused or lost, name unknown, no data in time): the network, not the request. */
public final class HubUnreachableException extends TailsException {
    HubUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
