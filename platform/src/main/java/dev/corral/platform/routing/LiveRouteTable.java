package dev.corral.platform.routing;

import dev.corral.storage.ControlStore;
import dev.corral.storage.ScriptKey;
import java.util.Optional;

/**
 * The route table the front door reads, kept current from the control store. Matching reads one volatile field and
 * takes no lock; {@link #reload} (called from {@code ScriptRuntime.routesChanged}) rebuilds one account's part.
 */
public final class LiveRouteTable {
    private final ControlStore store;
    private volatile RouteTable table = RouteTable.EMPTY;

    public LiveRouteTable(ControlStore store) {
        this.store = store;
    }

    /**
     * Re-reads the account's zones and routes. Reloads run one at a time, each reading the store after the previous one
     * finished, so a slow reload can never put back routes that a later change removed.
     */
    public synchronized void reload(String accountId) {
        table = table.withAccount(accountId, store.zones(accountId), store.accountRoutes(accountId));
    }

    /** @see RouteTable#match */
    public Optional<ScriptKey> match(String scheme, String hostHeader, String pathAndQuery) {
        return table.match(scheme, hostHeader, pathAndQuery);
    }
}
