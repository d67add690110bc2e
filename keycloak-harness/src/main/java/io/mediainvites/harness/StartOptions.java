package io.mediainvites.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start a built distribution.
 *
 * @param httpPort        HTTP port on the host
 * @param managementPort  management port (health, metrics)
 * @param host            interface to listen on
 * @param database        database runtime options
 * @param importRealms    whether to pass {@code --import-realm}
 * @param adminUser       bootstrap admin of the master realm
 * @param adminPassword   its password
 * @param extraOptions    further {@code kc.sh start} options
 * @param environment     further environment variables
 * @param readyTimeout    how long to wait for {@code /health/ready}
 */
public record StartOptions(
        int httpPort,
        int managementPort,
        String host,
        DatabaseConfig database,
        boolean importRealms,
        String adminUser,
        String adminPassword,
        List<String> extraOptions,
        Map<String, String> environment,
        Duration readyTimeout) {

    public static final String DEFAULT_ADMIN = "admin";

    /** Free loopback ports, embedded database, realm import, admin/admin. */
    public static StartOptions onFreeLoopbackPorts(DatabaseConfig database) {
        return new StartOptions(FreePorts.pick(), FreePorts.pick(), "127.0.0.1", database, true,
                DEFAULT_ADMIN, DEFAULT_ADMIN, List.of(), Map.of(), Duration.ofMinutes(3));
    }

    public StartOptions withPorts(int http, int management) {
        return new StartOptions(http, management, host, database, importRealms, adminUser, adminPassword,
                extraOptions, environment, readyTimeout);
    }

    public StartOptions withHost(String newHost) {
        return new StartOptions(httpPort, managementPort, newHost, database, importRealms, adminUser,
                adminPassword, extraOptions, environment, readyTimeout);
    }

    public StartOptions withExtraOptions(List<String> options) {
        return new StartOptions(httpPort, managementPort, host, database, importRealms, adminUser,
                adminPassword, List.copyOf(options), environment, readyTimeout);
    }

    /** The same without {@code --import-realm} (a second cluster node, whose database already holds the realms). */
    public StartOptions withoutRealmImport() {
        return new StartOptions(httpPort, managementPort, host, database, false, adminUser, adminPassword,
                extraOptions, environment, readyTimeout);
    }

    /** The same with another wait for {@code /health/ready} (a loaded CI machine, a fresh database). */
    public StartOptions withReadyTimeout(Duration timeout) {
        return new StartOptions(httpPort, managementPort, host, database, importRealms, adminUser, adminPassword,
                extraOptions, environment, timeout);
    }

    public StartOptions withEnvironment(Map<String, String> env) {
        return new StartOptions(httpPort, managementPort, host, database, importRealms, adminUser,
                adminPassword, extraOptions, Map.copyOf(env), readyTimeout);
    }
}
