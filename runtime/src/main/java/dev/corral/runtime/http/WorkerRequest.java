package dev.corral.runtime.http;

/**
 * A request as it crosses from the host into an isolate or from one isolate to another: head plus body, never a JS
 * object. {@code cf} is the JSON of {@code request.cf}, or null where the worker is untrusted.
 */
public record WorkerRequest(String method, String url, HeaderList headers, Body body, String cf) {}
