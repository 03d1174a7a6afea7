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

/**
 * A real HTTP webhook on 127.0.0.1 that can be told to fail, hang, or accept. Quarkus loads a test
 * profile in its own class loader, so the test and the profile would each see their own copy of a
 * static field: one receiver is started per JVM (its URL kept in a system property), and the test
 * steers and inspects it over HTTP ({@link Control}), like any client would.
 */
public final class WebhookReceiver {

    private static final String URL_PROPERTY = "test-webhook-receiver.url";

    public record Request(String idempotencyKey, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger hangsLeft = new AtomicInteger();
    private final AtomicInteger holdsLeft = new AtomicInteger();
    private final AtomicInteger releasedByOthers = new AtomicInteger();
    private final AtomicInteger releasedBySafetyLimit = new AtomicInteger();
    private volatile int holdUntilAccepted;
    private volatile boolean failAll;
    private volatile long hangMillis;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/hooks/actions", this::handle);
        server.createContext("/control", this::control);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** The webhook URL of this JVM's receiver, started on first use. */
    public static String url() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                try {
                    WebhookReceiver receiver = new WebhookReceiver();
                    url = "http://127.0.0.1:" + receiver.server.getAddress().getPort() + "/hooks/actions";
                    System.setProperty(URL_PROPERTY, url);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return url;
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String[] args = query == null ? new String[0] : query.split("&");
        String answer = "ok";
        switch (path) {
            case "/control/fail-next" -> failNext(Integer.parseInt(args[0]));
            case "/control/fail-all" -> failAll(Boolean.parseBoolean(args[0]));
            case "/control/hang-next" -> hangNext(Integer.parseInt(args[0]), Long.parseLong(args[1]));
            case "/control/hold-next" -> holdNext(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
            case "/control/held" -> answer = releasedByOthers.get() + " " + releasedBySafetyLimit.get();
            case "/control/accepted" -> answer = String.join("\n", accepted);
            case "/control/failed" -> answer = String.valueOf(requests.stream().filter(r -> r.answered() == 500).count());
            default -> answer = "unknown";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The test's side: steers the receiver over HTTP. */
    public static final class Control {
        private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();

        private Control() {
        }

        private static String call(String command) {
            String base = url().replace("/hooks/actions", "/control/");
            try {
                return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + command)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public static void failNext(int count) {
            call("fail-next?" + count);
        }

        public static void failAll(boolean fail) {
            call("fail-all?" + fail);
        }

        public static void hangNext(int count, long millis) {
            call("hang-next?" + count + "&" + millis);
        }

        /**
         * Hold the next {@code count} requests until {@code others} further requests have been accepted
         * (or a safety minute has passed, counted apart).
         */
        public static void holdNext(int count, int others) {
            call("hold-next?" + count + "&" + others);
        }

        /** Held requests released because the others arrived, and those released by the safety limit. */
        public static int[] held() {
            String[] counts = call("held").split(" ");
            return new int[] {Integer.parseInt(counts[0]), Integer.parseInt(counts[1])};
        }

        public static Set<String> accepted() {
            return Set.of(call("accepted").split("\n"));
        }

        public static long failed() {
            return Long.parseLong(call("failed"));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (holdsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            hold(accepted.size() + holdUntilAccepted);
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
    private void failNext(int count) {
        failuresLeft.set(count);
    }

    private void failAll(boolean fail) {
        failAll = fail;
    }

    private void holdNext(int count, int others) {
        holdUntilAccepted = others;
        releasedByOthers.set(0);
        releasedBySafetyLimit.set(0);
        holdsLeft.set(count);
    }

    /** Waits until {@code acceptedCount} requests have been accepted; a minute at most, so no test hangs for ever. */
    private void hold(int acceptedCount) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        try {
            while (accepted.size() < acceptedCount) {
                if (System.nanoTime() > until) {
                    releasedBySafetyLimit.incrementAndGet();
                    return;
                }
                Thread.sleep(20);
            }
            releasedByOthers.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hold the next {@code count} requests for {@code millis} before answering. */
    private void hangNext(int count, long millis) {
        hangMillis = millis;
        hangsLeft.set(count);
    }

}
