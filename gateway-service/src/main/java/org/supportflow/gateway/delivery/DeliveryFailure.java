package org.supportflow.gateway.delivery;

/**
 * A failed attempt to deliver a reply to a channel's callback. {@link #retryable()} tells whether another
 * attempt may succeed (timeouts, 5xx, 408/425/429) or not (other 4xx, unknown channel, open circuit).
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean retryable;

    public DeliveryFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Classifies an HTTP status of the callback's answer; null when it is a success. */
    public static DeliveryFailure forStatus(int status) {
        if (status >= 200 && status < 300) {
            return null;
        }
        boolean retryable = status >= 500 || status == 408 || status == 425 || status == 429;
        return new DeliveryFailure("callback answered " + status, retryable, null);
    }
}
