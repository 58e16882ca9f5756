package dev.corral.platform;

/**
 * One module part of a script upload: its name (from the part name or filename), the part's content type, and its
 * bytes.
 */
public record UploadedModule(String name, String contentType, byte[] content) {}
