package io.shoprules.api;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * API keys and their roles, by key name: {@code shoprules.auth.keys.<name>=<key>} and
 * {@code shoprules.auth.roles.<name>=shop,ops}.
 */
@ConfigMapping(prefix = "shoprules.auth")
public interface AuthConfig {

    Map<String, String> keys();

    Map<String, String> roles();
}
