package org.bert4rec.utils.tracking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether anything listens at the tracking server's address, found by opening a TCP connection with a short
 * timeout. It costs no HTTP request, and it spares the stage a long wait on an unreachable server before falling
 * back to the local store.
 */
final class ServerProbe {
    private ServerProbe() {
    }

    /** How long to wait for the TCP connection; a reachable server answers in milliseconds. */
    static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    /** Empty when the server accepts a connection, else why not. */
    static Optional<String> unreachableReason(String trackingUri) {
        URI uri;
        try {
            uri = URI.create(trackingUri);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + trackingUri + "' is not a valid URI");
        }
        if (uri.getHost() == null) {
            return Optional.of("'" + trackingUri + "' names no host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort()
                : "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? HTTPS_PORT : HTTP_PORT;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot connect to " + uri.getHost() + ":" + port + " (" + e.getMessage()
                    + ")");
        }
    }
}
