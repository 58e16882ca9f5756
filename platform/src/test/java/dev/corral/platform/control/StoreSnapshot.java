package dev.corral.platform.control;

import dev.corral.storage.ControlStore;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.TagFilter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Everything the store shows about one account, as text: tests compare it before and after a refused request. */
public final class StoreSnapshot {
    private StoreSnapshot() {}

    public static String of(ControlStore store, String account) {
        StringBuilder out = new StringBuilder();
        List<String> namespaceIds = new ArrayList<>(List.of(""));
        for (NamespaceRecord ns : store.namespaces(account)) {
            out.append(ns).append('\n');
            namespaceIds.add(ns.id());
        }
        for (String namespaceId : namespaceIds) {
            for (ScriptRecord script : store.scripts(account, namespaceId, TagFilter.ANY, null, 1000)) {
                out.append(script).append('\n').append(store.version(script.versionId()).orElseThrow()).append('\n');
                new TreeMap<>(store.secrets(script.tag())).forEach((name, secret) ->
                        out.append(name).append('=').append(HexFormat.of().formatHex(secret.sealed())).append('\n'));
            }
        }
        return out.toString();
    }
}
