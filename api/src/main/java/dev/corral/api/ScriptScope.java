package dev.corral.api;

import dev.corral.platform.control.ControlPlane;
import dev.corral.storage.ScriptKey;

/** Where the scripts a route names live: a dispatch namespace from the path, or the account's plain scripts. */
@FunctionalInterface
public interface ScriptScope {
    /** The account's plain (non-namespaced) scripts. */
    ScriptScope PLAIN = call -> "";

    /** The namespace id of the call's scripts; the empty string for plain scripts. */
    String namespaceId(ApiCall call);

    /** The namespace named by the route's {@code {dispatch_namespace}} parameter (404 if the account has none). */
    static ScriptScope dispatchNamespace(ControlPlane control) {
        return call -> control.namespaces().require(call.accountId(), call.param("dispatch_namespace")).id();
    }

    /** The script named by the route's {@code {script_name}} parameter. */
    default ScriptKey key(ApiCall call) {
        return new ScriptKey(call.accountId(), namespaceId(call), call.param("script_name"));
    }
}
