package dev.corral.platform.control;

import static dev.corral.platform.control.ControlFixture.hello;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.platform.PlatformException;
import dev.corral.storage.ScriptKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentChangesTest {
    @TempDir
    Path dir;
    ControlFixture fx;
    ScriptKey key;

    @BeforeEach
    void open() {
        fx = new ControlFixture(dir);
        key = fx.key(fx.namespace("tenants"), "customer-a");
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void concurrentFirstDeploysOfOneScriptAgreeOnItsTagAndSecrets() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Deployment>> deploys = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                deploys.add(pool.submit(() -> fx.control.scripts().deploy(key,
                        hello("'bindings':[{'name':'S" + n + "','type':'secret_text','text':'v" + n + "'}]"), false)));
            }
            List<String> tags = new ArrayList<>();
            for (Future<Deployment> deploy : deploys) {
                tags.add(deploy.get().view().script().tag());
            }
            assertEquals(Collections.nCopies(16, fx.store.script(key).orElseThrow().tag()), tags);
        } finally {
            pool.shutdown();
        }
        // Every secret was sealed under the one tag the script kept, so all of them open.
        assertEquals(16, fx.control.secretValues(key).size());
    }

    @Test
    void aDeployBasedOnAStateAnotherNodeChangedMeanwhileIsRefusedAndWritesNothing() {
        ControlPlane otherNode = new ControlPlane(fx.store, new RecordingRuntime(), SecretSealer.forDataDir(dir),
                ControlLimits.DEFAULT, Clock.systemUTC());
        fx.control.scripts().deploy(key, hello(""), false);
        fx.runtime.duringNextCheck = () -> otherNode.scripts().deploy(key, hello("'compatibility_date':'2025-05-05'"), false);
        PlatformException e = assertThrows(PlatformException.class, () -> fx.control.scripts().deploy(key,
                hello("'bindings':[{'name':'S','type':'secret_text','text':'lost'}]"), false));
        assertEquals(10035, e.code());
        assertEquals(400, e.status());
        assertEquals("2025-05-05", fx.control.scripts().script(key).metadata().compatibilityDate());
        assertEquals(Map.of(), fx.control.secretValues(key));
    }
}
