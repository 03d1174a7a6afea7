package io.shoprules.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this instance goes by on its job runs, its heartbeat and its scheduler: the configured
 * {@code shoprules.instance.name}, or the host name and HTTP port (several instances on one host
 * differ by port, and a restart keeps the name).
 */
@ApplicationScoped
public class ThisInstance {

    private final String name;
    private final String host;

    public ThisInstance(InstanceConfig config) {
        this.host = hostName();
        this.name = config.name().orElseGet(() -> host + ":"
                + ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("8080"));
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
