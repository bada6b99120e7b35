package io.monorail.ws.adapter.mongodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder that can cut every connection and refuse new ones, then come back on the
 * same port: a network outage between a client and a server that itself stays up.
 */
final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;

    TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        acceptInBackground(listener);
    }

    int port() {
        return port;
    }

    /** Closes every forwarded connection; new ones are refused until {@link #restore()}. */
    void cut() {
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    void restore() {
        listener = listen(port);
        acceptInBackground(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptInBackground(ServerSocket server) {
        Thread acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try {
                                    forward(server.accept());
                                } catch (IOException closedOrRefused) {
                                    // Cut, or the target refused: the client sees a closed socket.
                                }
                            }
                        },
                        "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void forward(Socket client) throws IOException {
        sockets.add(client);
        Socket upstream;
        try {
            upstream = new Socket(target.getAddress(), target.getPort());
        } catch (IOException e) {
            closeQuietly(client);
            throw e;
        }
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        Thread pump =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int read;
                                while ((read = in.read(buffer)) >= 0) {
                                    out.write(buffer, 0, read);
                                    out.flush();
                                }
                            } catch (IOException closed) {
                                // Either side went away: take the other one down too.
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
