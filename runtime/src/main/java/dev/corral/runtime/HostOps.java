package dev.corral.runtime;

import static dev.corral.runtime.V8Values.bool;
import static dev.corral.runtime.V8Values.bytes;
import static dev.corral.runtime.V8Values.integer;
import static dev.corral.runtime.V8Values.isNullish;
import static dev.corral.runtime.V8Values.isNumber;
import static dev.corral.runtime.V8Values.number;
import static dev.corral.runtime.V8Values.string;
import static dev.corral.runtime.V8Values.stringOrNull;

import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.interop.callback.IJavetDirectCallable;
import com.caoccao.javet.interop.callback.JavetCallbackContext;
import com.caoccao.javet.interop.callback.JavetCallbackType;
import com.caoccao.javet.values.V8Value;
import com.caoccao.javet.values.reference.V8ValueFunction;
import com.caoccao.javet.values.reference.V8ValueObject;
import dev.corral.runtime.http.Body;
import dev.corral.runtime.http.BodyPipe;
import dev.corral.runtime.http.HeaderList;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import dev.corral.runtime.ops.Idna;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The table of host ops one isolate's JS layer calls: flat functions over strings, numbers and bytes.
 *
 * <p>Each op acts only on this isolate's own state (its invocations, its pipe handles, its bindings), so even code
 * that reached the table could do nothing beyond what its worker may do anyway. Ops that can fail because of what the
 * worker asked (too many subrequests, an unknown binding) return an error message string, and the JS side throws it
 * as the right error type; an empty string means success.
 */
final class HostOps {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** crypto.getRandomValues' quota, from the Web Crypto spec. */
    private static final int MAX_RANDOM_BYTES = 65_536;

    @FunctionalInterface
    private interface Op {
        Object call(V8Value[] args) throws Exception;
    }

    private final Isolate isolate;
    private V8Runtime runtime;

    HostOps(Isolate isolate) {
        this.isolate = isolate;
    }

    V8ValueObject build(V8Runtime runtime) throws JavetException {
        this.runtime = runtime;
        V8ValueObject ops = runtime.createV8ValueObject();
        add(ops, "log", this::log);
        add(ops, "randomBytes", this::randomBytes);
        add(ops, "domainToAscii", args -> Idna.toAscii(string(args, 0), bool(args, 1)));
        add(ops, "timerStart", this::timerStart);
        add(ops, "cancelCall", args -> {
            isolate.cancelCall(integer(args, 0));
            return null;
        });
        add(ops, "pipeCreate", args -> isolate.pipes().add(new BodyPipe(), owner(), true));
        add(ops, "pipeRead", this::pipeRead);
        add(ops, "pipeWrite", this::pipeWrite);
        add(ops, "pipeClose", args -> {
            int handle = integer(args, 0);
            isolate.pipes().get(handle).close();
            isolate.pipes().remove(handle);
            return null;
        });
        add(ops, "pipeError", args -> {
            int handle = integer(args, 0);
            isolate.pipes().get(handle).fail(new IllegalStateException(string(args, 1)));
            isolate.pipes().remove(handle);
            return null;
        });
        add(ops, "respond", this::respond);
        add(ops, "bodyDone", this::bodyDone);
        add(ops, "done", args -> {
            Invocation invocation = isolate.invocation(integer(args, 0));
            if (invocation != null) isolate.endInvocation(invocation, Outcome.OK);
            return null;
        });
        add(ops, "fail", this::fail);
        add(ops, "fetch", this::fetch);
        add(ops, "resolveTarget", args -> {
            try {
                isolate.bindings().resolve(string(args, 0));
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        return ops;
    }

    private void add(V8ValueObject ops, String name, Op op) throws JavetException {
        IJavetDirectCallable.NoThisAndResult<Exception> callable = args -> {
            Object result;
            try {
                result = op.call(args);
            } catch (IllegalArgumentException e) {
                // A bad argument from JS: surface it as a TypeError in JS, not a host failure.
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            return V8Values.toV8(runtime, result);
        };
        try (V8ValueFunction function = runtime.createV8ValueFunction(
                new JavetCallbackContext(name, JavetCallbackType.DirectCallNoThisAndResult, callable))) {
            ops.set(name, function);
        }
    }

    /** The invocation this op works for. Ops that need one refuse to run at module top level, as in Workers. */
    private Invocation owner() {
        Invocation invocation = isolate.currentInvocation();
        if (invocation == null) {
            throw new IllegalArgumentException("Disallowed operation called within global scope. Asynchronous I/O "
                    + "(ex: fetch() or connect()), setting a timeout, and generating random values are not allowed "
                    + "within global scope. To fix this error, perform this operation within a handler.");
        }
        return invocation;
    }

    private Object log(V8Value[] args) {
        isolate.host().logs().log(isolate.script().id(), string(args, 0), string(args, 1));
        return null;
    }

    private Object randomBytes(V8Value[] args) {
        int count = integer(args, 0);
        if (count < 0 || count > MAX_RANDOM_BYTES) throw V8Values.typeError("random byte count out of range");
        byte[] out = new byte[count];
        RANDOM.nextBytes(out);
        return out;
    }

    private Object timerStart(V8Value[] args) {
        int callId = integer(args, 0);
        long delay = Math.max(0, number(args, 1));
        Invocation owner = owner();
        ScheduledFuture<?> timer = isolate.host().timers().schedule(
                () -> isolate.settleLater(callId, owner, true, null), delay, TimeUnit.MILLISECONDS);
        isolate.trackCall(callId, owner, timer);
        return null;
    }

    private Object pipeRead(V8Value[] args) {
        int callId = integer(args, 0);
        BodyPipe pipe = isolate.pipes().get(integer(args, 1));
        isolate.settleWhenDone(callId, owner(), pipe.read(), chunk -> chunk);
        return null;
    }

    private Object pipeWrite(V8Value[] args) throws JavetException {
        int callId = integer(args, 0);
        BodyPipe pipe = isolate.pipes().get(integer(args, 1));
        isolate.settleWhenDone(callId, owner(), pipe.write(bytes(args, 2)), ignored -> null);
        return null;
    }

    /** The body argument of respond and fetch: null, bytes, or the handle of a pipe JS is writing to. */
    private Body body(V8Value[] args, int index) throws JavetException {
        if (isNullish(args, index)) return Body.EMPTY;
        if (isNumber(args, index)) {
            return new Body.Stream(isolate.pipes().handOver(integer(args, index)));
        }
        return Body.of(bytes(args, index));
    }

    private Object respond(V8Value[] args) throws JavetException {
        Invocation invocation = isolate.invocation(integer(args, 0));
        if (invocation == null) return "";
        int status = integer(args, 1);
        WorkerResponse response = new WorkerResponse(status, string(args, 2), HeaderList.ofFlat(string(args, 3)), body(args, 4));
        invocation.response().complete(response);
        // The sixth argument says the event is over: no streamed body to produce and no waitUntil work.
        if (bool(args, 5)) isolate.endInvocation(invocation, Outcome.OK);
        return "";
    }

    /** The response body has been produced: from now on only waitUntil work runs, under its wall-clock limit. */
    private Object bodyDone(V8Value[] args) {
        Invocation invocation = isolate.invocation(integer(args, 0));
        if (invocation == null) return null;
        isolate.host().timers().schedule(() -> isolate.submit(new Isolate.Task(invocation,
                () -> isolate.endInvocation(invocation, Outcome.OK))), invocation.limits().waitUntilMillis(), TimeUnit.MILLISECONDS);
        return null;
    }

    private Object fail(V8Value[] args) {
        Invocation invocation = isolate.invocation(integer(args, 0));
        String message = string(args, 1);
        String stack = stringOrNull(args, 2);
        if (invocation == null) return null;
        if (invocation.response().isDone()) {
            isolate.host().logs().log(isolate.script().id(), "error", stack != null ? stack : message);
            return null;
        }
        invocation.fail(new WorkerError(Outcome.EXCEPTION, message, stack));
        isolate.endInvocation(invocation, Outcome.EXCEPTION);
        return null;
    }

    /**
     * One subrequest: {@code fetch(callId, target, method, url, headers, body)}. An empty target is the worker's
     * egress (the network, or an outbound worker); otherwise it is a Fetcher binding's descriptor.
     * Settles with {@code [status, statusText, headers, bodyHandle]}.
     */
    private Object fetch(V8Value[] args) throws JavetException {
        int callId = integer(args, 0);
        String target = string(args, 1);
        Invocation owner = owner();
        WorkerRequest request = new WorkerRequest(string(args, 2), string(args, 3), HeaderList.ofFlat(string(args, 4)), body(args, 5), null);
        CompletableFuture<WorkerResponse> response;
        if (target.isEmpty()) {
            if (!owner.takeSubrequest()) return tooManySubrequests(owner);
            response = owner.egress().fetch(request, owner);
        } else {
            FetchTarget fetchTarget;
            try {
                fetchTarget = isolate.bindings().resolve(target);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            response = fetchTarget.fetch(request, owner);
        }
        isolate.settleWhenDone(callId, owner, response, r -> responseToJs(owner, r));
        return "";
    }

    private static String tooManySubrequests(Invocation owner) {
        return "Too many subrequests. Workers can make up to " + owner.limits().subrequests()
                + " subrequests per request. A subrequest is a call to fetch(), a redirect, or a call to any Cache API method.";
    }

    private Object[] responseToJs(Invocation owner, WorkerResponse response) {
        int bodyHandle = response.body() instanceof Body.Empty ? -1 : isolate.pipes().add(response.body().asPipe(), owner, false);
        return new Object[] {response.status(), response.statusText(), response.headers().flat(), bodyHandle};
    }
}
