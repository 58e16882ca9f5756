package dev.corral.runtime.http;

/** A response as it crosses out of an isolate or back from the network: status, headers and body. */
public record WorkerResponse(int status, String statusText, HeaderList headers, Body body) {
    public static WorkerResponse text(int status, String contentType, String text) {
        return new WorkerResponse(status, "", HeaderList.builder().add("content-type", contentType).build(),
                Body.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
