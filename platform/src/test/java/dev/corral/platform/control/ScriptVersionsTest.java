package dev.corral.platform.control;

import static dev.corral.platform.control.ControlFixture.ACCOUNT;
import static dev.corral.platform.control.ControlFixture.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ScriptVersions.UploadedVersion;
import dev.corral.storage.ScriptKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptVersionsTest {
    @TempDir
    Path dataDir;
    private ControlFixture f;
    private ScriptVersions versions;
    private final ScriptKey dispatcher = ScriptKey.plain(ACCOUNT, "dispatcher");

    @BeforeEach
    void start() {
        f = new ControlFixture(dataDir);
        versions = new ScriptVersions(f.store, f.runtime, SecretSealer.forDataDir(dataDir), ControlLimits.DEFAULT,
                Clock.systemUTC());
        f.control.scripts().deploy(dispatcher, hello("'bindings':[{'name':'MODE','type':'plain_text','text':'one'}]"), false);
        f.control.secrets().put(dispatcher, ControlFixture.json("{'name':'API_KEY','text':'s3cret','type':'secret_text'}"));
        f.runtime.scriptsChanged.clear();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String servingVersion() {
        return f.store.script(dispatcher).orElseThrow().versionId();
    }

    @Test
    void anUploadedVersionIsCheckedAndStoredButServesNothingUntilDeployed() {
        String before = servingVersion();
        UploadedVersion uploaded = versions.upload(dispatcher,
                hello("'bindings':[{'name':'MODE','type':'plain_text','text':'two'}]"), true);

        assertNotEquals(before, uploaded.version().id());
        assertEquals(before, servingVersion());
        assertTrue(f.store.version(uploaded.version().id()).isPresent());
        assertEquals(List.of("fetch"), uploaded.metadata().handlers());
        assertEquals(uploaded.version().id(), f.runtime.checks.getLast().version().id());
        assertEquals(Map.of("API_KEY", "s3cret"), f.runtime.checks.getLast().secrets(), "the check sees the script's secrets");
        assertEquals(List.of(), f.runtime.scriptsChanged);

        versions.deploy(dispatcher, uploaded.versionUuid());
        assertEquals(uploaded.version().id(), servingVersion());
        assertEquals(List.of(dispatcher), f.runtime.scriptsChanged);
        assertEquals("two", f.control.scripts().settings(dispatcher).get("bindings").get(0).get("text").asText());
        assertEquals(List.of("API_KEY"), f.control.secrets().list(dispatcher).stream().map(SecretInfo::name).toList());
    }

    @Test
    void theSameUploadTwiceIsTheSameVersion() {
        UploadedVersion first = versions.upload(dispatcher, hello("'compatibility_date':'2025-01-01'"), false);
        UploadedVersion second = versions.upload(dispatcher, hello("'compatibility_date':'2025-01-01'"), false);
        assertEquals(first.version(), second.version());
        assertTrue(first.versionUuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    @Test
    void aVersionOfAMissingScriptIsRefusedWith10007() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> versions.upload(ScriptKey.plain(ACCOUNT, "nope"), hello(""), false));
        assertEquals(404, e.status());
        assertEquals(10007, e.code());
    }

    @Test
    void aVersionMayInheritASecretButNotSetOrRenameOne() {
        versions.upload(dispatcher, hello("'bindings':[{'name':'API_KEY','type':'inherit'}]"), true);
        String before = f.snapshot();
        for (String bindings : List.of("{'name':'API_KEY','type':'secret_text','text':'new'}",
                "{'name':'KEY2','type':'inherit','old_name':'API_KEY'}")) {
            PlatformException e = assertThrows(PlatformException.class,
                    () -> versions.upload(dispatcher, hello("'bindings':[" + bindings + "]"), true));
            assertEquals(10021, e.code(), bindings);
            assertTrue(e.getMessage().contains("cannot set or rename secrets"), e.getMessage());
        }
        assertEquals(before, f.snapshot());
    }

    @Test
    void deployingAVersionWhosePlainBindingTakesASecretsNameDropsTheSecret() {
        UploadedVersion shadowing = versions.upload(dispatcher,
                hello("'bindings':[{'name':'API_KEY','type':'plain_text','text':'public now'}]"), false);
        assertEquals(Map.of(), f.runtime.checks.getLast().secrets());
        assertEquals(1, f.control.secrets().list(dispatcher).size(), "nothing changes before the deployment");
        versions.deploy(dispatcher, shadowing.version().id());
        assertEquals(List.of(), f.control.secrets().list(dispatcher));
    }

    @Test
    void onlyTheScriptsOwnVersionsCanBeDeployed() {
        ScriptKey other = ScriptKey.plain(ACCOUNT, "outbound");
        f.control.scripts().deploy(other, hello("'compatibility_date':'2024-06-01'"), false);
        String foreign = f.store.script(other).orElseThrow().versionId();
        f.runtime.scriptsChanged.clear();
        for (String id : List.of(foreign, "00000000-0000-0000-0000-000000000000", "")) {
            PlatformException e = assertThrows(PlatformException.class, () -> versions.deploy(dispatcher, id));
            assertEquals(400, e.status());
            assertEquals(10021, e.code());
        }
        assertEquals(List.of(), f.runtime.scriptsChanged);
    }
}
