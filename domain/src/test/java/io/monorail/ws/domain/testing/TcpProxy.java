package io.monorail.ws.domain.testing;

import io.monorail.ws.protocol.NamedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a server, whose network a test can cut like a dead one and
 * restore, while the server itself stays up.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private boolean refusing; // guarded by this

    /** Relays connections to {@code targetPort} on the loopback address. */
    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NamedThreads.daemon("tcp-proxy-accept").newThread(this::acceptAll).start();
    }

    /** The loopback port to connect to instead of the server's. */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Resets every connection relayed so far (no goodbye, as on a dead network) and resets new ones
     * at once, as a host that is down, until {@link #restore()}.
     */
    public synchronized void cut() {
        refusing = true;
        sockets.forEach(TcpProxy::reset);
        sockets.clear();
    }

    /** Relays new connections again, on the same port. */
    public synchronized void restore() {
        refusing = false;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cut();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                relay(listener.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    // Synchronized with cut(): a connection accepted while cutting is reset, never left relaying.
    private synchronized void relay(Socket client) {
        if (refusing) {
            reset(client);
            return;
        }
        Socket server;
        try {
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException targetDown) {
            reset(client);
            return;
        }
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
    }

    private void pump(Socket from, Socket to) {
        NamedThreads.daemon("tcp-proxy-relay")
                .newThread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int read;
                                while ((read = in.read(buffer)) >= 0) {
                                    out.write(buffer, 0, read);
                                    out.flush();
                                }
                            } catch (IOException cutOrClosed) {
                                // Either side went away: take the other one down too.
                            } finally {
                                sockets.remove(from);
                                sockets.remove(to);
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        })
                .start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close with RST, not FIN
        } catch (IOException alreadyClosed) {
            // Nothing left to reset.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // Nothing to do.
        }
    }
}
