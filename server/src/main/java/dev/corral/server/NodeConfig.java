package dev.corral.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a node is started with.
 *
 * @param workers           standalone workers outside the platform, by name: a request that matches no route goes to
 *                          the one named by the first label of its Host, else to the first.
 * @param allowPrivateEgress let workers fetch loopback and private addresses (tests, local upstreams); off in production.
 * @param cpuMillis         CPU limit per invocation.
 * @param memoryLimitMb     memory limit per isolate.
 * @param maxBodyBytes      largest request body the front door accepts.
 * @param maxScriptBytes    largest script upload the management API accepts.
 * @param devPlatform       a platform folder to deploy at start ({@code corral dev}), or null.
 */
record NodeConfig(Path dataDir, HostPort http, HostPort admin, Map<String, Path> workers, boolean allowPrivateEgress,
                  long cpuMillis, int memoryLimitMb, long maxBodyBytes, long maxScriptBytes, Path devPlatform,
                  String apiToken, String accountId) {
    static final String DEV_ACCOUNT_ID = "c0a1c0a1c0a1c0a1c0a1c0a1c0a1c0a1";

    NodeConfig withCredentials(String token, String account) {
        return new NodeConfig(dataDir, http, admin, workers, allowPrivateEgress, cpuMillis, memoryLimitMb, maxBodyBytes,
                maxScriptBytes, devPlatform, token, account);
    }
}
