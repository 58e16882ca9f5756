package dev.corral.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import dev.corral.storage.TagFilter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RulesTest {
    @Test
    void scriptNamesAreLowerCaseWithoutSlashesOrDots() {
        assertEquals("customer-a_1", NameRules.requireScriptName("customer-a_1"));
        for (String bad : List.of("", "Customer", "a/b", "..", "a.b", "-lead", "a b", "x".repeat(64), "é")) {
            PlatformException e = assertThrows(PlatformException.class, () -> NameRules.requireScriptName(bad), bad);
            assertEquals(10016, e.code());
            assertEquals(400, e.status());
        }
    }

    @Test
    void namespaceNamesAllowUpperCaseButNotOddCharacters() {
        assertEquals("Tenants_2", NameRules.requireNamespaceName("Tenants_2"));
        for (String bad : List.of("", "a/b", "a.b", "_x", "x".repeat(64))) {
            assertEquals(10021, assertThrows(PlatformException.class, () -> NameRules.requireNamespaceName(bad)).code());
        }
    }

    @Test
    void generatedNamespaceNamesAreValidNamespaceNames() {
        ReadableNames names = new ReadableNames(new SplittableRandom(7));
        for (int i = 0; i < 50; i++) {
            String name = names.next();
            assertEquals(name, NameRules.requireNamespaceName(name));
            assertTrue(name.matches("[a-z]+-[a-z]+-[0-9a-f]{4}"), name);
        }
    }

    @Test
    void moduleContentTypesNormalizeToOneTypePerKind() {
        assertEquals(ModuleKinds.ESM, ModuleKinds.normalize("a.js", "text/javascript+module", true));
        assertEquals(ModuleKinds.ESM, ModuleKinds.normalize("a.js", "application/javascript", true));
        assertEquals(ModuleKinds.CLASSIC, ModuleKinds.normalize("a.js", "application/javascript; charset=utf-8", false));
        assertEquals(ModuleKinds.TEXT, ModuleKinds.normalize("a", "text/plain;charset=UTF-8", true));
        assertEquals(ModuleKinds.DATA, ModuleKinds.normalize("a", "application/octet-stream", true));
        assertEquals(ModuleKinds.WASM, ModuleKinds.normalize("a", "application/wasm", true));
        assertEquals(ModuleKinds.JSON, ModuleKinds.normalize("a", "application/json", true));
        assertEquals(ModuleKinds.SOURCE_MAP, ModuleKinds.normalize("a", "application/source-map", true));
    }

    @Test
    void moduleKindsWithoutAUsableTypeComeFromTheExtension() {
        assertEquals(ModuleKinds.ESM, ModuleKinds.normalize("lib/x.mjs", null, false));
        assertEquals(ModuleKinds.ESM, ModuleKinds.normalize("x.js", "application/null", true));
        assertEquals(ModuleKinds.CLASSIC, ModuleKinds.normalize("x.js", "", false));
        assertEquals(ModuleKinds.TEXT, ModuleKinds.normalize("page.html", null, true));
        assertEquals(ModuleKinds.DATA, ModuleKinds.normalize("blob.bin", null, true));
        assertEquals(ModuleKinds.WASM, ModuleKinds.normalize("m.wasm", null, true));
        assertEquals(ModuleKinds.JSON, ModuleKinds.normalize("d.json", null, true));
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> ModuleKinds.normalize("mystery.xyz", null, true)).code());
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> ModuleKinds.normalize("main.py", "text/x-python", true)).code());
    }

    @Test
    void tagsAreDeduplicatedAndLimitedToEightWithoutCommasOrAmpersands() {
        assertEquals(List.of("a", "b"), TagRules.validate(List.of("a", "b", "a")));
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> TagRules.validate(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"))).code());
        for (String bad : List.of("a,b", "a&b", " ", "")) {
            assertEquals(10021, assertThrows(PlatformException.class, () -> TagRules.validate(List.of(bad))).code());
        }
    }

    @Test
    void tagFiltersSplitIntoRequiredAndExcludedTags() {
        TagFilter filter = TagRules.parseFilter("customer-1:yes,free:no,plain");
        assertEquals(List.of("customer-1", "plain"), filter.required());
        assertEquals(List.of("free"), filter.excluded());
        assertEquals(TagFilter.ANY, TagRules.parseFilter(null));
        assertEquals(10021, assertThrows(PlatformException.class, () -> TagRules.parseFilter("a:maybe")).code());
    }
}
