package dev.corral.platform.control;

import static dev.corral.platform.control.ControlFixture.hello;
import static dev.corral.platform.control.ControlFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.platform.PlatformException;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretAndTagOperationsTest {
    @TempDir
    Path dir;
    ControlFixture fx;
    SecretOperations secrets;
    TagOperations tags;
    ScriptKey key;

    @BeforeEach
    void open() {
        fx = new ControlFixture(dir);
        secrets = fx.control.secrets();
        tags = fx.control.tags();
        NamespaceRecord ns = fx.namespace("tenants");
        key = fx.key(ns, "customer-a");
        fx.control.scripts().deploy(key, hello("'bindings':[{'name':'GREETING','type':'plain_text','text':'hi'}]"), false);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private PlatformException refused(int status, int code, Supplier<?> request) {
        String before = fx.snapshot();
        PlatformException e = assertThrows(PlatformException.class, request::get);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.status());
        assertEquals(before, fx.snapshot());
        return e;
    }

    @Test
    void aSecretCanBePutListedReadAndDeletedWithoutANewVersion() {
        String version = fx.control.currentVersion(key).id();
        assertEquals(new SecretInfo("TOKEN", "secret_text"),
                secrets.put(key, json("{'name':'TOKEN','text':'xyz','type':'secret_text'}")));
        assertEquals(List.of(new SecretInfo("TOKEN", "secret_text")), secrets.list(key));
        assertEquals(new SecretInfo("TOKEN", "secret_text"), secrets.get(key, "TOKEN"));
        assertEquals(Map.of("TOKEN", "xyz"), fx.control.secretValues(key));
        assertEquals(version, fx.control.currentVersion(key).id());
        secrets.delete(key, "TOKEN");
        assertEquals(List.of(), secrets.list(key));
        assertEquals(3, fx.runtime.scriptsChanged.size());
    }

    @Test
    void aMissingSecretIs404With10056() {
        assertEquals(10056, assertThrows(PlatformException.class, () -> secrets.get(key, "NOPE")).code());
        refused(404, 10056, () -> {
            secrets.delete(key, "NOPE");
            return null;
        });
    }

    @Test
    void invalidSecretsAreRefusedAndChangeNothing() {
        refused(400, 10052, () -> secrets.put(key, json("{'text':'x','type':'secret_text'}")));
        refused(400, 10021, () -> secrets.put(key, json("{'name':'A','type':'secret_text'}")));
        refused(400, 10021, () -> secrets.put(key, json("{'name':'A','text':'x','type':'plain_text'}")));
        refused(400, 10021, () -> secrets.put(key, json("{'name':'A','type':'secret_key','format':'raw'}")));
        refused(400, 10054, () -> secrets.put(key, json("{'name':'A','type':'secret_text','text':'" + "x".repeat(5121) + "'}")));
        refused(400, 10021, () -> secrets.put(key, json("{'name':'GREETING','text':'x','type':'secret_text'}")));
        refused(404, 10007, () -> secrets.put(new ScriptKey(key.accountId(), key.namespaceId(), "ghost"),
                json("{'name':'A','text':'x','type':'secret_text'}")));
    }

    @Test
    void aBulkPatchUpsertsAndDeletesInOneGo() {
        secrets.put(key, json("{'name':'OLD','text':'1','type':'secret_text'}"));
        secrets.put(key, json("{'name':'KEEP','text':'2','type':'secret_text'}"));
        Map<String, SecretInfo> after = secrets.patch(key, json("""
                {'secrets':{'NEW':{'name':'NEW','text':'3','type':'secret_text'},'OLD':null,'KEEP':{'text':'22'},
                            'ABSENT':null}}"""));
        assertEquals(List.of("KEEP", "NEW"), List.copyOf(after.keySet()));
        assertEquals(Map.of("KEEP", "22", "NEW", "3"), fx.control.secretValues(key));
    }

    @Test
    void aBulkPatchWithOneBadSecretAppliesNothing() {
        secrets.put(key, json("{'name':'OLD','text':'1','type':'secret_text'}"));
        refused(400, 10021, () -> secrets.patch(key, json("""
                {'secrets':{'OLD':null,'NEW':{'text':'3'},'BAD':{'name':'OTHER','text':'x'}}}""")));
        refused(400, 10021, () -> secrets.patch(key, json("{'secrets':[]}")));
        assertEquals(Map.of("OLD", "1"), fx.control.secretValues(key));
    }

    @Test
    void tagsCanBeReplacedAddedAndRemovedWithoutANewVersion() {
        String version = fx.control.currentVersion(key).id();
        assertEquals(List.of("a", "b"), tags.put(key, List.of("a", "b")));
        assertEquals(List.of("a", "b", "c"), tags.add(key, "c"));
        assertEquals(List.of("a", "b", "c"), tags.add(key, "a"));
        assertEquals(List.of("a", "c"), tags.remove(key, "b"));
        assertEquals(List.of("a", "c"), tags.remove(key, "never-there"));
        assertEquals(List.of("a", "c"), tags.get(key));
        assertEquals(List.of("a", "c"), fx.store.script(key).orElseThrow().tags());
        assertEquals(version, fx.control.currentVersion(key).id());
    }

    @Test
    void invalidTagsAreRefusedAndChangeNothing() {
        tags.put(key, List.of("1", "2", "3", "4", "5", "6", "7", "8"));
        refused(400, 10021, () -> tags.add(key, "9"));
        refused(400, 10021, () -> tags.put(key, List.of("a&b")));
        refused(400, 10021, () -> tags.add(key, "x,y"));
    }
}
