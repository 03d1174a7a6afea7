package io.shoprules.actions;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The shop backend's webhook. Built by {@link WebhookSender} from {@code shoprules.webhook.url}. */
@RegisterRestClient(configKey = "shoprules-webhook")
public interface WebhookClient {

    /** POSTs one action; the receiver de-duplicates on the {@code Idempotency-Key}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response deliver(@HeaderParam("Idempotency-Key") String idempotencyKey, ActionView action);
}
