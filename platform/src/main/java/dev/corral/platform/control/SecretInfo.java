package dev.corral.platform.control;

/** What the API tells about a secret: its name and type, never its value. */
public record SecretInfo(String name, String type) {}
