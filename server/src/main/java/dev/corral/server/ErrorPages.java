package dev.corral.server;

import dev.corral.platform.serve.Dispatch;
import dev.corral.runtime.Outcome;
import dev.corral.runtime.WorkerError;
import dev.corral.runtime.http.WorkerResponse;

/**
 * Cloudflare-style error pages for invocations that produced no response: 1101 when the worker threw, 1102 when it
 * broke a resource limit, 1019 when a chain of workers looped past the depth limit. Details stay in the log; the page
 * names the error code only, as Cloudflare's does.
 */
final class ErrorPages {
    private ErrorPages() {}

    static WorkerResponse forFailure(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WorkerError error) {
            if (error.isResourceLimit()) return page(503, 1102, "Worker exceeded resource limits");
            if (error.outcome() == Outcome.CANCELED) return page(503, 1102, "Worker exceeded resource limits");
            if (Dispatch.DEPTH_MESSAGE.equals(error.getMessage())) return page(508, 1019, "Compute server error");
        }
        return page(500, 1101, "Worker threw exception");
    }

    static WorkerResponse page(int status, int code, String title) {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Error " + code + "</title></head>"
                + "<body><h1>Error " + code + "</h1><h2>" + title + "</h2>"
                + "<p>The worker serving this request could not produce a response. Its owner can find the details in the logs.</p>"
                + "</body></html>\n";
        WorkerResponse base = WorkerResponse.text(status, "text/html; charset=UTF-8", html);
        return new WorkerResponse(status, "", base.headers().toBuilder().add("cf-error-code", String.valueOf(code)).build(), base.body());
    }
}
