package dev.tails;

/**
 * The one exception type the library lets escape: bad files, bad arguments, bad input text.
 * Its message always names the thing at fault (file, tensor, token, option) and the rule broken.
 */
public class TailsException extends RuntimeException {
    public TailsException(String message) {
        super(message);
    }

    public TailsException(String message, Throwable cause) {
        super(message, cause);
    }
}
