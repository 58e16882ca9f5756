package dev.corral.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A parsed script upload: the metadata JSON and the module parts, in the order they arrived. */
public record ScriptUpload(ObjectNode metadata, List<UploadedModule> modules) {
    public ScriptUpload {
        modules = List.copyOf(modules);
    }
}
