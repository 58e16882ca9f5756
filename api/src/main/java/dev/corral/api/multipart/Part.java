package dev.corral.api.multipart;

/**
 * One part of a multipart/form-data body.
 *
 * @param name        the form field name from Content-Disposition.
 * @param filename    the filename from Content-Disposition ({@code filename*} preferred), or null when the part is a
 *                    plain field.
 * @param contentType the part's Content-Type header as sent, or null when it has none.
 * @param bytes       the part body, exactly as sent.
 */
public record Part(String name, String filename, String contentType, byte[] bytes) {}
