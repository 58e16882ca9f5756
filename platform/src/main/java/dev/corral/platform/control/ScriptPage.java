package dev.corral.platform.control;

import java.util.List;

/**
 * One page of a script listing.
 *
 * @param nextCursor the cursor of the next page, or the empty string on the last page.
 */
public record ScriptPage(List<ScriptView> scripts, String nextCursor) {
    public ScriptPage {
        scripts = List.copyOf(scripts);
    }
}
