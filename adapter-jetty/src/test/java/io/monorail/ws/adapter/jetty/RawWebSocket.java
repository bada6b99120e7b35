package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A client speaking WebSocket by hand over a plain socket, for what real clients will not do: never
 * read, never answer pings, drop the TCP connection.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    /** One frame from the server (servers never mask). */
    record RawFrame(int opcode, byte[] payload) {
        int closeCode() {
            return ByteBuffer.wrap(payload, 0, 2).getShort() & 0xFFFF;
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the opening handshake on {@code path}. */
    static RawWebSocket connect(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        RawWebSocket ws = new RawWebSocket(socket);
        String request =
                "GET "
                        + path
                        + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:"
                        + port
                        + "\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        assertThat(ws.readResponseHead()).startsWith("HTTP/1.1 101");
        return ws;
    }

    /** Reads one frame, waiting at most 5 s. */
    RawFrame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new RawFrame(first & 0x0F, payload);
    }

    /** Reads frames until the close frame, skipping the rest. */
    RawFrame readUntilClose() throws IOException {
        RawFrame frame = readFrame();
        while (frame.opcode() != CLOSE) {
            frame = readFrame();
        }
        return frame;
    }

    /** Drops the TCP connection with a reset, without any WebSocket close. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readResponseHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
