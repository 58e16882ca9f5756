package dev.corral.platform.control;

import dev.corral.storage.NamespaceRecord;

/** A namespace with the number of scripts in it. */
public record NamespaceView(NamespaceRecord namespace, int scriptCount) {}
