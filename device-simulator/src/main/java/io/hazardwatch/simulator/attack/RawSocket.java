package io.hazardwatch.simulator.attack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * One TCP connection of the attacker, blocking with a read timeout: what it writes and what the server answers,
 * named as a kind ("CONNACK 0x86", "HTTP 403", "closed", "no answer"). Never throws for the server's behaviour.
 */
final class RawSocket implements AutoCloseable {

    static final String CLOSED = "closed";
    static final String NO_ANSWER = "no answer";
    static final String REFUSED = "connect refused";

    private final Socket socket;

    private RawSocket(Socket socket) {
        this.socket = socket;
    }

    /** Where the attacker's sockets come from; null: the system's choice. Set once, before a run. */
    private static volatile InetSocketAddress source;

    /** Makes every later socket come from {@code address} (null: the system's choice). */
    static void comeFrom(String address) {
        source = address == null ? null : new InetSocketAddress(address, 0);
    }

    /** Opens a connection, or null when the port does not take it within the timeout. */
    static RawSocket open(String host, int port, int timeoutMillis) {
        Socket socket = new Socket();
        try {
            if (source != null) {
                socket.bind(source);
            }
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            return new RawSocket(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        }
    }

    /** Writes; false when the server had already closed the connection. */
    boolean write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next MQTT packet's kind: its type, and the reason code for CONNACK, PUBACK, SUBACK and DISCONNECT. */
    String readMqtt() {
        try {
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first < 0) {
                return CLOSED;
            }
            int length = 0;
            int shift = 0;
            int b;
            do {
                b = in.read();
                if (b < 0) {
                    return CLOSED;
                }
                length |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0 && shift < 28);
            byte[] body = in.readNBytes(Math.min(length, 1 << 16));
            int type = first >> 4 & 0x0f;
            String name = MqttPackets.TYPE_NAMES[type];
            int reasonAt = switch (type) {
                case 2 -> 1;
                case 4, 5, 6, 7 -> body.length > 2 ? 2 : -1;
                case 9, 11 -> body.length - 1;
                case 14 -> 0;
                default -> -1;
            };
            if (reasonAt >= 0 && reasonAt < body.length) {
                return name + String.format(Locale.ROOT, " 0x%02x", body[reasonAt] & 0xff);
            }
            return type == 4 ? name + " 0x00" : name;
        } catch (SocketTimeoutException e) {
            return NO_ANSWER;
        } catch (IOException e) {
            return CLOSED;
        }
    }

    /** The status of an HTTP answer ("HTTP 404"), or closed / no answer; the rest is read up to 64 KiB. */
    String readHttp() {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.length() < 200) {
                line.append((char) b);
            }
            if (line.isEmpty()) {
                return b < 0 ? CLOSED : NO_ANSWER;
            }
            String[] parts = line.toString().trim().split(" ");
            in.readNBytes(64 * 1024);
            return parts.length > 1 && parts[1].matches("\\d{3}") ? "HTTP " + parts[1] : "HTTP garbled";
        } catch (SocketTimeoutException e) {
            return NO_ANSWER;
        } catch (IOException e) {
            return CLOSED;
        }
    }

    /** Everything the server sends until it closes or goes quiet (at most 64 KiB), as ISO-8859-1 text. */
    String readAll() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (out.size() < 64 * 1024 && (n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // what came before the timeout is the answer
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the server has closed the connection: a read that ends the stream (or resets) within
     * {@code waitMillis}; a connection that stays silent is open.
     */
    boolean closedByServer(int waitMillis) {
        try {
            socket.setSoTimeout(Math.max(1, waitMillis));
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // a last answer (CONNACK, DISCONNECT, HTTP 408) before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the attacker's own socket
        }
    }
}
