package dev.corral.storage;

/**
 * Names one script: a user worker in a dispatch namespace, or (with an empty {@code namespaceId}) a plain account
 * script such as a platform's dispatcher or outbound worker.
 */
public record ScriptKey(String accountId, String namespaceId, String name) {
    public static ScriptKey plain(String accountId, String name) {
        return new ScriptKey(accountId, "", name);
    }

    public boolean isPlain() {
        return namespaceId.isEmpty();
    }
}
