package dev.corral.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a node is started with.
 *
 * @param workers           the workers this node serves, by name; a request goes to the worker named by the first
 *                          label of its Host, else to the first worker (until the platform's router arrives).
 * @param allowPrivateEgress let workers fetch loopback and private addresses (tests, local upstreams); off in production.
 * @param cpuMillis         CPU limit per invocation.
 * @param memoryLimitMb     memory limit per isolate.
 * @param maxBodyBytes      largest request body the front door accepts.
 */
record NodeConfig(Path dataDir, HostPort http, HostPort admin, Map<String, Path> workers, boolean allowPrivateEgress,
                  long cpuMillis, int memoryLimitMb, long maxBodyBytes, String apiToken, String accountId) {
    static final String DEV_ACCOUNT_ID = "c0a1c0a1c0a1c0a1c0a1c0a1c0a1c0a1";
}
