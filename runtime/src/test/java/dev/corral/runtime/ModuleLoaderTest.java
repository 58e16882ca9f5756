package dev.corral.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModuleLoaderTest {
    @Test
    void aRelativeImportResolvesAgainstTheImportersFolder() {
        assertEquals("lib/util.js", ModuleLoader.resolveName("./util.js", "lib/index.js"));
        assertEquals("data.json", ModuleLoader.resolveName("../data.json", "lib/index.js"));
        assertEquals("abc-banner.txt", ModuleLoader.resolveName("./abc-banner.txt", "index.js"));
    }

    @Test
    void aModuleUploadedWithALeadingDotSlashHasThePathItsImportResolvesTo() {
        assertEquals("abc-banner.txt", ModuleLoader.path("./abc-banner.txt"));
        assertEquals(ModuleLoader.resolveName("./abc-banner.txt", "index.js"), ModuleLoader.path("./abc-banner.txt"));
        assertEquals("lib/util.js", ModuleLoader.path("lib/util.js"));
        assertEquals("b.txt", ModuleLoader.path("./a/../b.txt"));
    }
}
