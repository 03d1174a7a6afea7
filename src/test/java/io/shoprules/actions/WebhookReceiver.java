package io.shoprules.actions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP webhook on 127.0.0.1 that can be told to fail, hang, or accept. */
public final class WebhookReceiver {

    public record Request(String idempotencyKey, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger hangsLeft = new AtomicInteger();
    private volatile boolean failAll;
    private volatile long hangMillis;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/hooks/actions", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/actions";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (hangsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            try {
                Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status;
        if (failAll || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 500;
        } else if (key == null || !body.contains("\"idempotencyKey\":\"" + key + "\"")) {
            status = 400;
        } else {
            status = 204;
            accepted.add(key);
        }
        requests.add(new Request(key, body, status));
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the client gave up waiting (a timeout the test asked for)
        }
        try (OutputStream ignored = exchange.getResponseBody()) {
            exchange.close();
        }
    }

    /** Answer 500 to the next {@code count} requests. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    public void failAll(boolean fail) {
        failAll = fail;
    }

    /** Hold the next {@code count} requests for {@code millis} before answering. */
    public void hangNext(int count, long millis) {
        hangMillis = millis;
        hangsLeft.set(count);
    }

    public Set<String> accepted() {
        return accepted;
    }

    public List<Request> requests() {
        return requests;
    }
}
