package dev.corral.platform.control;

import static dev.corral.platform.control.ControlFixture.ACCOUNT;
import static dev.corral.platform.control.ControlFixture.hello;
import static dev.corral.platform.control.ControlFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.TagFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptSettingsTest {
    @TempDir
    Path dir;
    ControlFixture fx;
    ScriptOperations scripts;
    NamespaceRecord ns;
    ScriptKey key;

    @BeforeEach
    void open() {
        fx = new ControlFixture(dir);
        scripts = fx.control.scripts();
        ns = fx.namespace("tenants");
        key = fx.key(ns, "customer-a");
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void settingsShowBindingsWithSecretsWithoutValuesAndEveryField() {
        scripts.deploy(key, hello("""
                'compatibility_date':'2025-01-01','compatibility_flags':['nodejs_compat'],'tags':['t1'],
                'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text','text':'v'}],
                'limits':{'cpu_ms':50,'subrequests':5},'logpush':true"""), false);
        assertEquals(json("""
                {'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text'}],
                 'compatibility_date':'2025-01-01','compatibility_flags':['nodejs_compat'],
                 'limits':{'cpu_ms':50,'subrequests':5},'logpush':true,'observability':null,'placement':null,
                 'tags':['t1'],'tail_consumers':[],'usage_model':'standard'}"""), scripts.settings(key));
        assertEquals(json("{'b':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text'}]}").get("b"),
                scripts.bindings(key));
    }

    @Test
    void aSettingsPatchMakesANewVersionWithMergedSettingsAndTheSameCode() {
        scripts.deploy(key, hello("""
                'compatibility_date':'2025-01-01','logpush':true,
                'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text','text':'v'}]"""), false);
        var before = fx.control.currentVersion(key);
        var settings = scripts.patchSettings(key, json("{'compatibility_date':'2025-06-01','tags':['x']}"));
        var after = fx.control.currentVersion(key);
        assertNotEquals(before.id(), after.id());
        assertEquals(before.modules(), after.modules());
        assertEquals("2025-06-01", settings.get("compatibility_date").asText());
        assertTrue(settings.get("logpush").asBoolean());
        assertEquals(List.of("x"), fx.store.script(key).orElseThrow().tags());
        assertEquals("a", settings.get("bindings").get(0).get("text").asText());
        assertEquals(2, fx.runtime.checks.size());
    }

    @Test
    void bindingsInAPatchReplaceTheListButKeepSecrets() {
        scripts.deploy(key, hello("""
                'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text','text':'v'}]"""), false);
        var settings = scripts.patchSettings(key, json("""
                {'bindings':[{'name':'B','type':'plain_text','text':'b'},{'name':'A2','type':'inherit','old_name':'A'},
                             {'name':'N','type':'secret_text','text':'new'}]}"""));
        assertEquals(json("""
                {'b':[{'name':'B','type':'plain_text','text':'b'},{'name':'A2','type':'plain_text','text':'a'},
                      {'name':'K','type':'secret_text'},{'name':'N','type':'secret_text'}]}""").get("b"),
                settings.get("bindings"));
        assertEquals(Map.of("K", "v", "N", "new"), fx.control.secretValues(key));
    }

    @Test
    void anInvalidPatchChangesNothing() {
        scripts.deploy(key, hello(""), false);
        String before = fx.snapshot();
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> scripts.patchSettings(key, json("{'limits':{'cpu_ms':-1}}"))).code());
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> scripts.patchSettings(key, json("{'bindings':[{'name':'Q','type':'queue','queue_name':'q'}]}"))).code());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void listingFiltersByTagsAndPagesWithACursor() {
        for (String name : List.of("e", "d", "c", "b", "a")) {
            scripts.deploy(fx.key(ns, name), hello("'tags':['all'" + (name.compareTo("c") <= 0 ? ",'early'" : "") + "]"), false);
        }
        ScriptPage first = scripts.list(ACCOUNT, ns.id(), TagFilter.ANY, null, 2);
        assertEquals(List.of("a", "b"), names(first));
        ScriptPage second = scripts.list(ACCOUNT, ns.id(), TagFilter.ANY, first.nextCursor(), 2);
        assertEquals(List.of("c", "d"), names(second));
        ScriptPage last = scripts.list(ACCOUNT, ns.id(), TagFilter.ANY, second.nextCursor(), 2);
        assertEquals(List.of("e"), names(last));
        assertEquals("", last.nextCursor());
        assertEquals(List.of("d", "e"), names(scripts.list(ACCOUNT, ns.id(), TagRules.parseFilter("early:no"), null, 100)));
        assertEquals(List.of("a", "b", "c"), names(scripts.list(ACCOUNT, ns.id(), TagRules.parseFilter("early:yes,all"), null, 100)));
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> scripts.list(ACCOUNT, ns.id(), TagFilter.ANY, null, 1001)).code());
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> scripts.list(ACCOUNT, ns.id(), TagFilter.ANY, "!!not base64!!", 10)).code());
    }

    @Test
    void bulkDeleteRemovesOnlyMatchingScriptsAndNeedsAFilter() {
        for (String name : List.of("a", "b", "c")) {
            scripts.deploy(fx.key(ns, name), hello(name.equals("b") ? "'tags':['keep']" : "'tags':['drop']"), false);
        }
        assertEquals(10021, assertThrows(PlatformException.class,
                () -> scripts.deleteMatching(ACCOUNT, ns.id(), TagFilter.ANY)).code());
        assertEquals(List.of("a", "c"), scripts.deleteMatching(ACCOUNT, ns.id(), TagRules.parseFilter("drop:yes")));
        assertEquals(List.of("b"), names(scripts.list(ACCOUNT, ns.id(), TagFilter.ANY, null, 100)));
        assertTrue(fx.runtime.scriptsChanged.containsAll(List.of(fx.key(ns, "a"), fx.key(ns, "c"))));
    }

    @Test
    void deletingAScriptRemovesItsSecretsAndAMissingOneIs404() {
        scripts.deploy(key, hello("'bindings':[{'name':'K','type':'secret_text','text':'v'}]"), false);
        String tag = fx.store.script(key).orElseThrow().tag();
        scripts.delete(key, false);
        assertTrue(fx.store.script(key).isEmpty());
        assertTrue(fx.store.secrets(tag).isEmpty());
        PlatformException e = assertThrows(PlatformException.class, () -> scripts.delete(key, true));
        assertEquals(10007, e.code());
        assertEquals(404, e.status());
    }

    private static List<String> names(ScriptPage page) {
        List<String> names = new ArrayList<>();
        page.scripts().forEach(s -> names.add(s.script().key().name()));
        return names;
    }
}
