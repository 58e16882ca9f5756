package dev.corral.runtime;

import com.caoccao.javet.enums.V8ValueReferenceType;
import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.values.V8Value;
import com.caoccao.javet.values.primitive.V8ValueBoolean;
import com.caoccao.javet.values.primitive.V8ValueNull;
import com.caoccao.javet.values.primitive.V8ValuePrimitive;
import com.caoccao.javet.values.primitive.V8ValueString;
import com.caoccao.javet.values.primitive.V8ValueUndefined;
import com.caoccao.javet.values.reference.V8ValueArray;
import com.caoccao.javet.values.reference.V8ValueArrayBuffer;
import com.caoccao.javet.values.reference.V8ValueTypedArray;
import java.nio.charset.StandardCharsets;

/**
 * Conversions at the op boundary. Only flat values cross it: strings, numbers, booleans, byte arrays and flat arrays
 * of those. Arguments come from untrusted code, so every reader checks the type and fails with a TypeError message.
 */
final class V8Values {
    private V8Values() {}

    static IllegalArgumentException typeError(String what) {
        return new IllegalArgumentException(what);
    }

    static String string(V8Value[] args, int index) {
        if (index < args.length && args[index] instanceof V8ValueString s) return s.getValue();
        throw typeError("argument " + index + " must be a string");
    }

    static String stringOrNull(V8Value[] args, int index) {
        if (isNullish(args, index)) return null;
        return string(args, index);
    }

    static long number(V8Value[] args, int index) {
        if (index < args.length && args[index] instanceof V8ValuePrimitive<?> p && p.getValue() instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) return (long) d;
        }
        throw typeError("argument " + index + " must be a number");
    }

    static int integer(V8Value[] args, int index) {
        long value = number(args, index);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw typeError("argument " + index + " is out of range");
        return (int) value;
    }

    static boolean bool(V8Value[] args, int index) {
        return index < args.length && args[index] instanceof V8ValueBoolean b && b.getValue();
    }

    static boolean isNullish(V8Value[] args, int index) {
        return index >= args.length || args[index] instanceof V8ValueNull || args[index] instanceof V8ValueUndefined;
    }

    /** Bytes from a Uint8Array, an ArrayBuffer or a string (as UTF-8). */
    static byte[] bytes(V8Value[] args, int index) throws JavetException {
        if (index < args.length) {
            V8Value value = args[index];
            if (value instanceof V8ValueTypedArray typed) return typed.toBytes();
            if (value instanceof V8ValueArrayBuffer buffer) return buffer.toBytes();
            if (value instanceof V8ValueString s) return s.getValue().getBytes(StandardCharsets.UTF_8);
        }
        throw typeError("argument " + index + " must be bytes");
    }

    static boolean isNumber(V8Value[] args, int index) {
        return index < args.length && args[index] instanceof V8ValuePrimitive<?> p && p.getValue() instanceof Number;
    }

    /** A Java value as a V8 value. The caller closes the result. */
    static V8Value toV8(V8Runtime runtime, Object value) throws JavetException {
        return switch (value) {
            case null -> runtime.createV8ValueNull();
            case String s -> runtime.createV8ValueString(s);
            case Integer i -> runtime.createV8ValueInteger(i);
            case Long l -> runtime.createV8ValueDouble(l);
            case Double d -> runtime.createV8ValueDouble(d);
            case Boolean b -> runtime.createV8ValueBoolean(b);
            case byte[] bytes -> uint8Array(runtime, bytes);
            case Object[] items -> {
                V8ValueArray array = runtime.createV8ValueArray();
                for (Object item : items) {
                    try (V8Value element = toV8(runtime, item)) {
                        array.push(element);
                    }
                }
                yield array;
            }
            default -> throw new IllegalArgumentException("cannot pass " + value.getClass() + " to JS");
        };
    }

    static V8ValueTypedArray uint8Array(V8Runtime runtime, byte[] bytes) throws JavetException {
        V8ValueTypedArray array = runtime.createV8ValueTypedArray(V8ValueReferenceType.Uint8Array, bytes.length);
        if (bytes.length > 0) array.fromBytes(bytes);
        return array;
    }
}
