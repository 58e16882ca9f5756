package dev.corral.platform.control;

/**
 * Operator-set limits of the control plane.
 *
 * @param maxScriptBytes the most bytes the modules of one version may hold together.
 */
public record ControlLimits(long maxScriptBytes) {
    public static final ControlLimits DEFAULT = new ControlLimits(10L * 1024 * 1024);

    public ControlLimits {
        if (maxScriptBytes <= 0) {
            throw new IllegalArgumentException("maxScriptBytes must be positive");
        }
    }
}
