package io.monorail.ws.domain;

import java.util.concurrent.CompletionException;

/** Helpers for failures that come back through futures. */
final class Failures {
    private Failures() {}

    /** The failure itself, without the {@link CompletionException}s wrapped around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
