package dev.tails;

/**
 * The one exception type the library lets escape: bad files, bad arguments, bad input text.
 * Its message always names the thing at fault (file, tensor, token, option) and the rule broken.
 */
public class TailsException extends RuntimeException {
    /**
     * An error with its message.
     *
     * @param message what is at fault and the rule it breaks
     */
    public TailsException(String message) {
        super(message);
    }

    /**
     * An error revealed by another.
     *
     * @param message what is at fault and the rule it breaks
     * @param cause the error that revealed it (an I/O or parse error)
     */
    public TailsException(String message, Throwable cause) {
        super(message, cause);
    }
}
