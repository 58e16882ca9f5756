package dev.corral.runtime;

/** How an invocation ended, named as in Cloudflare's Workers Trace Events. */
public enum Outcome {
    OK("ok"),
    EXCEPTION("exception"),
    EXCEEDED_CPU("exceededCpu"),
    EXCEEDED_MEMORY("exceededMemory"),
    CANCELED("canceled"),
    SCRIPT_ERROR("scriptError");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
