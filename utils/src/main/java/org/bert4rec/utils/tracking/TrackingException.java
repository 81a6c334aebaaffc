package org.bert4rec.utils.tracking;

/** A tracking store could not do what was asked (server unreachable, refused request, disk error). */
final class TrackingException extends RuntimeException {
    TrackingException(String message) {
        super(message);
    }

    TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
