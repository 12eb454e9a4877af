package dev.tails.io.hub;

import java.net.http.HttpHeaders;

/** Turns an error status of the Hub into a message that names the repo (and file) and says what to do. */
final class HubErrors {
    private static final int MAX_HUB_MESSAGE = 300;

    private HubErrors() {
    }

    /** 429 and 5xx may pass on their own: only they are retried. */
    static boolean retryable(int status) {
        return status == 429 || status >= 500 && status <= 599;
    }

    static HubStatusException of(int status, HttpHeaders headers, HubFile what, HubEnvironment env, int attempts) {
        String said = headers.firstValue("X-Error-Message").map(HubErrors::printable)
                .map(m -> " (the Hub says: " + m + ")").orElse("");
        String tried = attempts > 1 ? " after " + attempts + " attempts" : "";
        String advice = switch (status) {
            case 401 -> env.token() == null
                    ? "the Hub wants a token: set HF_TOKEN or run `huggingface-cli login` (a private or gated repo;"
                            + " the Hub also answers 401 for a repo that does not exist, so check the id)"
                    : "the Hub refused the " + env.token() + ": check it or log in again with `huggingface-cli login`";
            case 403 -> "access denied: a gated repo needs its terms accepted at " + env.endpoint() + "/" + what.repo().id()
                    + " by the account of your token, and the token needs read access";
            case 404 -> what.path() == null
                    ? "not found: check the id '" + what.repo().id() + "' and the revision '" + what.repo().revision() + "'"
                    : "not found: check the id '" + what.repo().id() + "', the revision, and that the repo has this file";
            case 429 -> "rate limited by the Hub" + tried + ": retry later";
            default -> status >= 500 && status <= 599
                    ? "server error at " + env.endpoint() + tried + ": retry later"
                    : "unexpected answer from " + env.endpoint();
        };
        return new HubStatusException(status, what + ": HTTP " + status + ", " + advice + said);
    }

    /** The Hub's own explanation, kept short and free of control characters before it reaches a terminal. */
    private static String printable(String message) {
        String clean = message.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_HUB_MESSAGE ? clean.substring(0, MAX_HUB_MESSAGE) + "..." : clean;
    }
}
