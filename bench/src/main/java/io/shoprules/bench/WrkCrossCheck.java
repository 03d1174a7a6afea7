package io.shoprules.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 1 measured a second way where wrk (Debian package {@code wrk}) is installed: the same
 * saturation with a load generator written in C, so the ratio does not rest on our own client.
 * wrk is closed-loop only, so the latency figures stay with {@link LoadGenerator#fixedRate}.
 */
final class WrkCrossCheck {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private WrkCrossCheck() {
    }

    /** The cross-check's figure line, or nothing when wrk is not installed. */
    static Optional<String> run(Path work, String base, String key, String decisions, String echo, String body,
                                int connections, int seconds) throws IOException, InterruptedException {
        if (!installed()) {
            return Optional.empty();
        }
        Path script = work.resolve("post.lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.body = [[%s]]
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer %s"
                """.formatted(body, key));
        double[] decide = wrk(script, base + decisions, connections, seconds);
        double[] echoed = wrk(script, base + echo, connections, seconds);
        return Optional.of(String.format(
                "wrk cross-check (1 thread, %d connections, %d s): decisions %.0f req/s, echo %.0f req/s: ratio %.2f; non-2xx %d",
                connections, seconds, decide[0], echoed[0], decide[0] / echoed[0], (long) (decide[1] + echoed[1])));
    }

    private static boolean installed() {
        try {
            // wrk --version exits non-zero after printing its version; starting at all is the test
            new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Requests per second and non-2xx answers of one wrk run. */
    private static double[] wrk(Path script, String url, int connections, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "-s", script.toString(), url)).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk printed no rate: " + output);
        }
        Matcher errors = ERRORS.matcher(output);
        return new double[] {Double.parseDouble(rate.group(1)), errors.find() ? Double.parseDouble(errors.group(1)) : 0};
    }
}
