package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import java.util.regex.Pattern;

/** Which script and namespace names the control plane accepts. */
public final class NameRules {
    /** Lower case like Cloudflare's worker names; no dots or slashes, so a name is always one path segment. */
    private static final Pattern SCRIPT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}");

    private NameRules() {}

    /** @throws PlatformException 400/10016 unless {@code name} is a valid script name. */
    public static String requireScriptName(String name) {
        if (name == null || !SCRIPT.matcher(name).matches()) {
            throw PlatformException.invalid(10016, "Invalid Worker name: use 1 to 63 lower-case letters, digits, '-' or '_', "
                    + "starting with a letter or digit");
        }
        return name;
    }

    /** @throws PlatformException 400/10021 unless {@code name} is a valid namespace name. */
    public static String requireNamespaceName(String name) {
        if (name == null || !NAMESPACE.matcher(name).matches()) {
            throw PlatformException.invalid(10021, "Invalid dispatch namespace name: use 1 to 63 letters, digits, '-' or '_', "
                    + "starting with a letter or digit");
        }
        return name;
    }
}
