package io.shoprules.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to the service on loopback: writes a request prepared once as
 * bytes and reads the answer (status, headers, a body with Content-Length or chunked). Blocking, with
 * a few short strings per answer, so the load generator costs little CPU next to the service.
 */
final class Http1Connection implements AutoCloseable {

    /** A request serialised once and sent as the same bytes every time. */
    record Request(byte[] bytes) {

        static Request post(String path, String bearerKey, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + bearerKey + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
            System.arraycopy(body, 0, bytes, headBytes.length, body.length);
            return new Request(bytes);
        }
    }

    private static final int SO_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] line = new byte[8192];

    Http1Connection(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(SO_TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16384);
    }

    /** Sends the request and reads the whole answer; returns its status code. */
    int exchange(Request request) throws IOException {
        out.write(request.bytes());
        out.flush();
        int length = readLine();
        if (length < 12 || !startsWith("HTTP/1.1 ", length)) {
            throw new IOException("not an HTTP/1.1 answer: " + new String(line, 0, length, StandardCharsets.US_ASCII));
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (length = readLine(); length > 0; length = readLine()) {
            String header = new String(line, 0, length, StandardCharsets.US_ASCII).toLowerCase();
            if (header.startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring(15).trim());
            } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                chunked = true;
            } else if (header.startsWith("connection:") && header.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                readLine();
            }
            readLine();
        } else if (contentLength > 0) {
            skip(contentLength);
        }
        if (close) {
            throw new IOException("the service closed the connection");
        }
        return status;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do for a connection that is being dropped
        }
    }

    private long chunkSize() throws IOException {
        int length = readLine();
        String size = new String(line, 0, length, StandardCharsets.US_ASCII);
        int extension = size.indexOf(';');
        return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    /** Reads one line without its CRLF into {@link #line}; returns its length. */
    private int readLine() throws IOException {
        int length = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the service closed the connection");
            }
            if (b != '\r' && length < line.length) {
                line[length++] = (byte) b;
            }
        }
        return length;
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the service closed the connection");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private boolean startsWith(String prefix, int length) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
