package dev.corral.platform.control;

/**
 * One module of a version with its bytes.
 *
 * @param contentType the normalized content type (one of {@link ModuleKinds}' constants).
 * @param sha256      hex SHA-256 of {@code content}, the key of its blob.
 */
public record ModuleFile(String name, String contentType, byte[] content, String sha256) {}
