package io.shoprules.api;

import io.shoprules.access.Roles;
import io.shoprules.engine.Sha256;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an API key into an identity with roles. Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured key, so neither the key's content nor
 * its length shows in the time taken. Keys are never logged; only key names are.
 */
@ApplicationScoped
public class ApiKeys implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final Set<String> KNOWN_ROLES = Set.of(Roles.SHOP, Roles.OPS);

    private final List<Holder> holders = new ArrayList<>();

    public ApiKeys(AuthConfig config) {
        for (Map.Entry<String, String> key : config.keys().entrySet()) {
            String name = key.getKey();
            String roleList = config.roles().get(name);
            if (roleList == null || roleList.isBlank()) {
                throw new IllegalStateException("API key '" + name + "' has no roles: set shoprules.auth.roles." + name
                        + " to shop, ops or both");
            }
            Set<String> roles = new HashSet<>();
            for (String role : roleList.split(",")) {
                String trimmed = role.trim();
                if (!KNOWN_ROLES.contains(trimmed)) {
                    throw new IllegalStateException("API key '" + name + "' has unknown role '" + trimmed
                            + "'; roles are " + KNOWN_ROLES);
                }
                roles.add(trimmed);
            }
            if (roles.contains(Roles.OPS)) {
                roles.add(Roles.SHOP);
            }
            holders.add(new Holder(name, digest(key.getValue()), Set.copyOf(roles)));
        }
    }

    /** A production service without keys would answer nobody; refuse to start instead. */
    void refuseToRunOpen(@Observes StartupEvent event) {
        if (holders.isEmpty() && ConfigUtils.getProfiles().contains("prod")) {
            throw new IllegalStateException("no API keys are configured: set shoprules.auth.keys.<name>=<key> and "
                    + "shoprules.auth.roles.<name>=shop,ops (see README, Access)");
        }
        LOG.infof("API keys configured: %s", holders.stream().map(Holder::name).toList());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        byte[] presented = digest(request.getToken().getToken());
        Holder match = null;
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.digest(), presented)) {
                match = holder;
            }
        }
        if (match == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(match.name()))
                .addRoles(match.roles())
                .build());
    }

    private static byte[] digest(String key) {
        return Sha256.of(key);
    }

    private record Holder(String name, byte[] digest, Set<String> roles) {
    }
}
