package dev.corral.storage;

/**
 * A secret binding of a script. The store never sees the value in clear: {@code sealed} is encrypted by the platform.
 *
 * @param type {@code secret_text} or {@code secret_key}.
 */
public record SecretRecord(String name, String type, byte[] sealed) {}
