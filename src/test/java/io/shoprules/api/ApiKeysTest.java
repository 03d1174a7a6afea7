package io.shoprules.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.credential.TokenCredential;
import io.shoprules.access.Roles;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    private static AuthConfig config(Map<String, String> keys, Map<String, String> roles) {
        return new AuthConfig() {
            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public Map<String, String> roles() {
                return roles;
            }
        };
    }

    private static SecurityIdentity login(ApiKeys keys, String key) {
        return keys.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")), null)
                .await().indefinitely();
    }

    @Test
    void opsKeysMayDoWhatShopKeysMayDo() {
        ApiKeys keys = new ApiKeys(config(Map.of("ops-team", "k-ops-123456"), Map.of("ops-team", "ops")));
        SecurityIdentity identity = login(keys, "k-ops-123456");
        assertEquals("ops-team", identity.getPrincipal().getName());
        assertTrue(identity.hasRole(Roles.OPS));
        assertTrue(identity.hasRole(Roles.SHOP));
    }

    @Test
    void anUnknownKeyIsRefused() {
        ApiKeys keys = new ApiKeys(config(Map.of("shop", "k-shop-123456"), Map.of("shop", "shop")));
        assertThrows(RuntimeException.class, () -> login(keys, "k-shop-12345"));
    }

    @Test
    void aKeyWithoutRolesStopsStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ApiKeys(config(Map.of("shop", "k"), Map.of())));
        assertTrue(e.getMessage().contains("shoprules.auth.roles.shop"));
    }

    @Test
    void anUnknownRoleStopsStartUp() {
        assertThrows(IllegalStateException.class,
                () -> new ApiKeys(config(Map.of("shop", "k"), Map.of("shop", "admin"))));
    }
}
