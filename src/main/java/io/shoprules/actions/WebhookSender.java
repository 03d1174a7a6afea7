package io.shoprules.actions;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * POSTs an action to the webhook through the MicroProfile REST Client. A failed POST is retried a
 * couple of times in memory with exponential back-off (SmallRye Fault Tolerance) to ride out a blip;
 * longer outages are the outbox's business: {@link WebhookDelivery} tries again later, from the table.
 */
@ApplicationScoped
public class WebhookSender {

    private final WebhookConfig config;
    private volatile WebhookClient client;

    public WebhookSender(WebhookConfig config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.url().isPresent();
    }

    /** @throws WebhookException when the webhook answers other than 2xx, times out or cannot be reached */
    @Retry(maxRetries = 2, delay = 200, jitter = 0)
    @ExponentialBackoff(factor = 2, maxDelay = 2000)
    public void send(ActionView action) {
        try (Response response = client().deliver(action.idempotencyKey(), action)) {
            if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                throw new WebhookException("the webhook answered HTTP " + response.getStatus());
            }
        } catch (WebApplicationException e) {
            throw new WebhookException("the webhook answered HTTP " + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw new WebhookException("the webhook could not be reached: " + rootMessage(e), e);
        }
    }

    private WebhookClient client() {
        WebhookClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    URI url = config.url().orElseThrow(() -> new IllegalStateException("shoprules.webhook.url is not set"));
                    client = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(url)
                            .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(WebhookClient.class);
                }
                current = client;
            }
        }
        return current;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @PreDestroy
    void close() throws IOException {
        if (client instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
