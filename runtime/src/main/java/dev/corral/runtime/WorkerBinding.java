package dev.corral.runtime;

/**
 * One entry of a worker's {@code env}, in the shape the JS layer builds it from.
 *
 * <ul>
 *   <li>{@code text}: a string (plain-text vars and secrets);</li>
 *   <li>{@code json}: a JSON var, {@code value} is its JSON text;</li>
 *   <li>{@code fetcher}: a Fetcher whose calls go to the host's {@link BindingHost} under this binding's name;</li>
 *   <li>{@code namespace}: a dispatch-namespace binding, whose {@code get(name, args, options)} returns Fetchers.</li>
 * </ul>
 */
public record WorkerBinding(String name, String type, String value) {
    public static WorkerBinding text(String name, String value) {
        return new WorkerBinding(name, "text", value);
    }

    public static WorkerBinding json(String name, String jsonText) {
        return new WorkerBinding(name, "json", jsonText);
    }

    public static WorkerBinding fetcher(String name) {
        return new WorkerBinding(name, "fetcher", "");
    }

    public static WorkerBinding namespace(String name) {
        return new WorkerBinding(name, "namespace", "");
    }
}
