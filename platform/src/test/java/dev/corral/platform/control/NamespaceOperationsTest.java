package dev.corral.platform.control;

import static dev.corral.platform.control.ControlFixture.ACCOUNT;
import static dev.corral.platform.control.ControlFixture.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceOperationsTest {
    @TempDir
    Path dir;
    ControlFixture fx;
    NamespaceOperations namespaces;

    @BeforeEach
    void open() {
        fx = new ControlFixture(dir);
        namespaces = fx.control.namespaces();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aNewNamespaceIsUntrustedMayReachTheNetworkAndIsEmpty() {
        NamespaceView created = namespaces.create(ACCOUNT, NamespaceChange.named("tenants"));
        NamespaceRecord ns = created.namespace();
        assertEquals("tenants", ns.name());
        assertFalse(ns.trustedWorkers());
        assertTrue(ns.egressAllowed());
        assertEquals(0, created.scriptCount());
        assertEquals(ns, fx.store.namespace(ACCOUNT, "tenants").orElseThrow());
        assertEquals(36, ns.id().length());
    }

    @Test
    void aNamespaceCanBeCreatedTrustedAndWithoutEgress() {
        NamespaceRecord ns = namespaces.create(ACCOUNT, new NamespaceChange("locked", true, false)).namespace();
        assertTrue(ns.trustedWorkers());
        assertFalse(ns.egressAllowed());
    }

    @Test
    void aNamespaceWithoutANameGetsAReadableUniqueOne() {
        String first = namespaces.create(ACCOUNT, NamespaceChange.named(null)).namespace().name();
        String second = namespaces.create(ACCOUNT, NamespaceChange.named(null)).namespace().name();
        assertNotEquals(first, second);
        assertTrue(first.matches("[a-z]+-[a-z]+-[0-9a-f]{4}"), first);
        assertEquals(2, namespaces.list(ACCOUNT).size());
    }

    @Test
    void aTakenOrInvalidNameIsRefusedWith400AndNothingChanges() {
        fx.namespace("tenants");
        String before = fx.snapshot();
        PlatformException taken = assertThrows(PlatformException.class,
                () -> namespaces.create(ACCOUNT, NamespaceChange.named("tenants")));
        assertEquals(400, taken.status());
        assertEquals(10021, taken.code());
        PlatformException invalid = assertThrows(PlatformException.class,
                () -> namespaces.create(ACCOUNT, NamespaceChange.named("bad/name")));
        assertEquals(10021, invalid.code());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void namespacesOfOtherAccountsAreInvisible() {
        fx.namespace("tenants");
        assertEquals(List.of(), namespaces.list("other"));
        PlatformException e = assertThrows(PlatformException.class, () -> namespaces.get("other", "tenants"));
        assertEquals(404, e.status());
        assertEquals(10121, e.code());
        // The same name is free in another account.
        namespaces.create("other", NamespaceChange.named("tenants"));
    }

    @Test
    void renamingKeepsTheIdAndScriptsAndTellsTheRuntime() {
        NamespaceRecord ns = fx.namespace("old");
        fx.control.scripts().deploy(fx.key(ns, "a"), hello(""), false);
        NamespaceView renamed = namespaces.update(ACCOUNT, "old", NamespaceChange.named("new"));
        assertEquals(ns.id(), renamed.namespace().id());
        assertEquals(1, renamed.scriptCount());
        assertTrue(fx.store.namespace(ACCOUNT, "old").isEmpty());
        assertEquals(List.of(ns.id()), fx.runtime.namespacesChanged);
        assertTrue(fx.store.script(new ScriptKey(ACCOUNT, ns.id(), "a")).isPresent());
    }

    @Test
    void updatingFlagsLeavesTheNameAndRenamingOntoATakenNameFails() {
        fx.namespace("a");
        fx.namespace("b");
        NamespaceRecord flagged = namespaces.update(ACCOUNT, "a", new NamespaceChange("a", true, false)).namespace();
        assertTrue(flagged.trustedWorkers());
        assertFalse(flagged.egressAllowed());
        assertEquals(flagged, fx.store.namespace(ACCOUNT, "a").orElseThrow());
        String before = fx.snapshot();
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> namespaces.update(ACCOUNT, "a", NamespaceChange.named("b"))).code());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void deletingANamespaceDeletesItsScriptsAndSecrets() {
        NamespaceRecord ns = fx.namespace("doomed");
        ScriptKey key = fx.key(ns, "a");
        fx.control.scripts().deploy(key, hello("'bindings':[{'name':'S','type':'secret_text','text':'x'}]"), false);
        String tag = fx.store.script(key).orElseThrow().tag();
        assertEquals(1, namespaces.get(ACCOUNT, "doomed").scriptCount());
        namespaces.delete(ACCOUNT, "doomed");
        assertTrue(fx.store.namespace(ACCOUNT, "doomed").isEmpty());
        assertTrue(fx.store.script(key).isEmpty());
        assertTrue(fx.store.secrets(tag).isEmpty());
        assertTrue(fx.runtime.namespacesChanged.contains(ns.id()));
        assertEquals(10121, assertThrows(PlatformException.class, () -> namespaces.delete(ACCOUNT, "doomed")).code());
    }

    @Test
    void aScriptKeyResolvesItsNamespaceByName() {
        NamespaceRecord ns = fx.namespace("tenants");
        assertEquals(new ScriptKey(ACCOUNT, ns.id(), "x"), fx.control.namespacedScript(ACCOUNT, "tenants", "x"));
        assertEquals(404, assertThrows(PlatformException.class,
                () -> fx.control.namespacedScript(ACCOUNT, "missing", "x")).status());
    }
}
