package dev.corral.storage;

/** One module of a version: its name, the content type it was uploaded with, and the SHA-256 (hex) of its bytes. */
public record ModuleRef(String name, String contentType, String sha256) {}
