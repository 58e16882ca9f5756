package dev.corral.platform.control;

import dev.corral.platform.StartupReport;

/** A committed deploy: the script as it now is, and what starting its new version reported. */
public record Deployment(ScriptView view, StartupReport startup) {}
