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
public record WorkerBinding(String name, String type, String value) {}
