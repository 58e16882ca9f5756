package dev.corral.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ControlStore} must do. A backend's test extends this and says how to open a store on a directory;
 * opening it again on the same directory must find everything written before.
 */
public abstract class ControlStoreContract {
    private static final String ACCOUNT = "a0000000000000000000000000000001";
    private static final String OTHER_ACCOUNT = "a0000000000000000000000000000002";
    private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.891Z");
    private static final Instant MODIFIED = Instant.parse("2025-06-07T08:09:10.111Z");
    /** Names a careless store would mangle: path separators, SQL and LIKE syntax, quotes, non-ASCII. */
    private static final List<String> ODD_NAMES = List.of("a/b", "..", "../../etc/passwd", "it's", "say \"hi\"",
            "100%_off", "back\\slash", "'; DROP TABLE scripts; --", "café", "名前", "🐄 moo", " spaced ", "tab\there");

    @TempDir
    private Path dir;
    protected ControlStore store;

    /** Opens a store kept in {@code dir}. */
    protected abstract ControlStore newStore(Path dir);

    @BeforeEach
    void openStore() {
        store = newStore(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Closes the store and opens it again on the same directory. */
    protected final ControlStore reopen() {
        store.close();
        store = newStore(dir);
        return store;
    }

    protected final Path dir() {
        return dir;
    }

    // ------------------------------------------------------------------ API tokens

    @Test
    void aTokenActsForTheAccountItWasStoredFor() {
        store.putToken("hash-1", ACCOUNT);
        assertEquals(Optional.of(ACCOUNT), store.accountForToken("hash-1"));
        assertEquals(Optional.empty(), store.accountForToken("hash-2"));
    }

    @Test
    void puttingATokenAgainMovesItToTheNewAccount() {
        store.putToken("hash-1", ACCOUNT);
        store.putToken("hash-1", OTHER_ACCOUNT);
        assertEquals(Optional.of(OTHER_ACCOUNT), store.accountForToken("hash-1"));
    }

    // ------------------------------------------------------------------ namespaces

    @Test
    void aCreatedNamespaceIsFoundByNameAndByIdWithEveryField() {
        NamespaceRecord created = new NamespaceRecord(id(), ACCOUNT, "production", true, false, CREATED, MODIFIED);
        store.createNamespace(created);
        assertEquals(Optional.of(created), store.namespace(ACCOUNT, "production"));
        assertEquals(Optional.of(created), store.namespaceById(created.id()));
        assertEquals(Optional.empty(), store.namespace(OTHER_ACCOUNT, "production"));
        assertEquals(Optional.empty(), store.namespaceById(id()));
    }

    @Test
    void creatingANamespaceWithATakenNameConflictsAndWritesNothing() {
        NamespaceRecord first = namespace(ACCOUNT, "production");
        store.createNamespace(first);
        NamespaceRecord second = new NamespaceRecord(id(), ACCOUNT, "production", true, true, MODIFIED, MODIFIED);
        StoreConflictException conflict = assertThrows(StoreConflictException.class, () -> store.createNamespace(second));
        assertTrue(conflict.getMessage().contains("production"), conflict.getMessage());
        assertEquals(Optional.empty(), store.namespaceById(second.id()));
        assertEquals(List.of(first), store.namespaces(ACCOUNT));
    }

    @Test
    void twoAccountsMayEachHaveANamespaceOfTheSameName() {
        NamespaceRecord mine = namespace(ACCOUNT, "staging");
        NamespaceRecord theirs = namespace(OTHER_ACCOUNT, "staging");
        store.createNamespace(mine);
        store.createNamespace(theirs);
        assertEquals(Optional.of(mine), store.namespace(ACCOUNT, "staging"));
        assertEquals(Optional.of(theirs), store.namespace(OTHER_ACCOUNT, "staging"));
    }

    @Test
    void anAccountsNamespacesAreListedByNameAndNoOneElses() {
        NamespaceRecord zebra = namespace(ACCOUNT, "zebra");
        NamespaceRecord apple = namespace(ACCOUNT, "apple");
        NamespaceRecord mango = namespace(ACCOUNT, "mango");
        for (NamespaceRecord namespace : List.of(zebra, apple, mango, namespace(OTHER_ACCOUNT, "banana"))) {
            store.createNamespace(namespace);
        }
        assertEquals(List.of(apple, mango, zebra), store.namespaces(ACCOUNT));
        assertEquals(List.of(), store.namespaces("a0000000000000000000000000000003"));
    }

    @Test
    void updatingANamespaceReplacesItsNameAndFlagsButKeepsItsCreationTime() {
        NamespaceRecord original = new NamespaceRecord(id(), ACCOUNT, "old-name", false, false, CREATED, CREATED);
        store.createNamespace(original);
        store.updateNamespace(new NamespaceRecord(original.id(), ACCOUNT, "new-name", true, true, MODIFIED, MODIFIED));
        NamespaceRecord expected = new NamespaceRecord(original.id(), ACCOUNT, "new-name", true, true, CREATED, MODIFIED);
        assertEquals(Optional.of(expected), store.namespaceById(original.id()));
        assertEquals(Optional.of(expected), store.namespace(ACCOUNT, "new-name"));
        assertEquals(Optional.empty(), store.namespace(ACCOUNT, "old-name"));
    }

    @Test
    void renamingANamespaceToATakenNameConflictsAndChangesNothing() {
        NamespaceRecord taken = namespace(ACCOUNT, "taken");
        NamespaceRecord renamed = namespace(ACCOUNT, "mine");
        store.createNamespace(taken);
        store.createNamespace(renamed);
        NamespaceRecord clash = new NamespaceRecord(renamed.id(), ACCOUNT, "taken", true, true, CREATED, MODIFIED);
        assertThrows(StoreConflictException.class, () -> store.updateNamespace(clash));
        assertEquals(Optional.of(renamed), store.namespaceById(renamed.id()));
        assertEquals(Optional.of(taken), store.namespace(ACCOUNT, "taken"));
    }

    @Test
    void deletingANamespaceDeletesItsScriptsWithTheirSecretsAndTags() {
        NamespaceRecord doomed = namespace(ACCOUNT, "doomed");
        store.createNamespace(doomed);
        ScriptKey key = new ScriptKey(ACCOUNT, doomed.id(), "worker");
        store.putScript(script(key, "tag-doomed", "version-1", "customer-1"));
        store.putSecret("tag-doomed", secret("API_KEY", "sealed"));

        assertTrue(store.deleteNamespace(doomed.id()));

        assertEquals(Optional.empty(), store.namespaceById(doomed.id()));
        assertEquals(Optional.empty(), store.script(key));
        assertEquals(0, store.scriptCount(doomed.id()));
        assertEquals(Map.of(), store.secrets("tag-doomed"));
        // The script tag is free again and a new script with it starts with no tags left over.
        ScriptKey plain = ScriptKey.plain(ACCOUNT, "reborn");
        store.putScript(script(plain, "tag-doomed", "version-2"));
        assertEquals(List.of(), store.script(plain).orElseThrow().tags());
    }

    @Test
    void deletingANamespaceLeavesOtherNamespacesPlainScriptsVersionsAndBlobsAlone() {
        NamespaceRecord doomed = namespace(ACCOUNT, "doomed");
        NamespaceRecord kept = namespace(ACCOUNT, "kept");
        store.createNamespace(doomed);
        store.createNamespace(kept);
        store.putBlob("sha-1", bytes("export default {}"));
        store.putVersion(version("version-1", "tag-doomed", module("index.js", "sha-1")));
        store.putScript(script(new ScriptKey(ACCOUNT, doomed.id(), "worker"), "tag-doomed", "version-1"));
        ScriptKey keptScript = new ScriptKey(ACCOUNT, kept.id(), "worker");
        ScriptKey plainScript = ScriptKey.plain(ACCOUNT, "dispatcher");
        store.putScript(script(keptScript, "tag-kept", "version-1"));
        store.putScript(script(plainScript, "tag-plain", "version-1"));
        store.putSecret("tag-kept", secret("KEPT", "sealed"));
        store.putSecret("tag-plain", secret("PLAIN", "sealed"));

        assertTrue(store.deleteNamespace(doomed.id()));

        assertTrue(store.script(keptScript).isPresent());
        assertTrue(store.script(plainScript).isPresent());
        assertEquals(1, store.secrets("tag-kept").size());
        assertEquals(1, store.secrets("tag-plain").size());
        assertTrue(store.version("version-1").isPresent());
        assertArrayEquals(bytes("export default {}"), store.blob("sha-1").orElseThrow());
    }

    @Test
    void deletingANamespaceThatDoesNotExistReturnsFalse() {
        assertFalse(store.deleteNamespace(id()));
        assertFalse(store.deleteNamespace(""));
    }

    @Test
    void scriptCountCountsOnlyTheNamespacesOwnScripts() {
        NamespaceRecord counted = namespace(ACCOUNT, "counted");
        NamespaceRecord other = namespace(ACCOUNT, "other");
        store.createNamespace(counted);
        store.createNamespace(other);
        for (int i = 0; i < 3; i++) {
            store.putScript(script(new ScriptKey(ACCOUNT, counted.id(), "worker-" + i), "tag-c" + i, "v"));
        }
        store.putScript(script(new ScriptKey(ACCOUNT, other.id(), "worker-0"), "tag-o", "v"));
        store.putScript(script(ScriptKey.plain(ACCOUNT, "worker-0"), "tag-p", "v"));
        assertEquals(3, store.scriptCount(counted.id()));
        assertEquals(1, store.scriptCount(other.id()));
        assertEquals(0, store.scriptCount(id()));
    }

    // ------------------------------------------------------------------ scripts

    @Test
    void aPutScriptIsReadBackWithEveryFieldAndItsTagsInOrder() {
        ScriptKey key = new ScriptKey(ACCOUNT, id(), "worker");
        ScriptRecord put = script(key, "tag-1", "version-1", "zulu", "alpha", "mike");
        store.putScript(put);
        ScriptRecord read = store.script(key).orElseThrow();
        assertEquals(put, read);
        assertEquals(List.of("zulu", "alpha", "mike"), read.tags());
        assertEquals(Optional.empty(), store.script(new ScriptKey(ACCOUNT, key.namespaceId(), "other")));
    }

    @Test
    void puttingAnExistingScriptKeepsItsTagAndCreationTimeAndReplacesTheRest() {
        ScriptKey key = ScriptKey.plain(ACCOUNT, "dispatcher");
        store.putScript(new ScriptRecord(key, "tag-original", "version-1", List.of("old"), CREATED, CREATED));
        store.putScript(new ScriptRecord(key, "tag-ignored", "version-2", List.of("new", "newer"), MODIFIED, MODIFIED));
        assertEquals(Optional.of(new ScriptRecord(key, "tag-original", "version-2", List.of("new", "newer"), CREATED, MODIFIED)),
                store.script(key));
    }

    @Test
    void aPlainScriptAndANamespacedScriptOfTheSameNameAreDifferentScripts() {
        ScriptKey plain = ScriptKey.plain(ACCOUNT, "worker");
        ScriptKey namespaced = new ScriptKey(ACCOUNT, id(), "worker");
        ScriptKey otherAccount = ScriptKey.plain(OTHER_ACCOUNT, "worker");
        store.putScript(script(plain, "tag-plain", "version-plain"));
        store.putScript(script(namespaced, "tag-namespaced", "version-namespaced"));
        store.putScript(script(otherAccount, "tag-other", "version-other"));
        assertEquals("version-plain", store.script(plain).orElseThrow().versionId());
        assertEquals("version-namespaced", store.script(namespaced).orElseThrow().versionId());
        assertEquals("version-other", store.script(otherAccount).orElseThrow().versionId());
    }

    @Test
    void aNewScriptWithAnotherScriptsTagConflictsAndWritesNothing() {
        ScriptKey owner = ScriptKey.plain(ACCOUNT, "owner");
        ScriptKey thief = ScriptKey.plain(ACCOUNT, "thief");
        ScriptRecord original = script(owner, "tag-shared", "version-1", "kept");
        store.putScript(original);
        assertThrows(StoreConflictException.class, () -> store.putScript(script(thief, "tag-shared", "version-2", "stolen")));
        assertEquals(Optional.empty(), store.script(thief));
        assertEquals(Optional.of(original), store.script(owner));
    }

    @Test
    void scriptsAreListedByNameFromTheirOwnNamespaceOnly() {
        String namespaceId = id();
        for (String name : List.of("charlie", "alpha", "bravo")) {
            store.putScript(script(new ScriptKey(ACCOUNT, namespaceId, name), "tag-" + name, "v"));
        }
        store.putScript(script(new ScriptKey(ACCOUNT, id(), "aardvark"), "tag-elsewhere", "v"));
        store.putScript(script(ScriptKey.plain(ACCOUNT, "abacus"), "tag-plain", "v"));
        store.putScript(script(new ScriptKey(OTHER_ACCOUNT, namespaceId, "able"), "tag-other-account", "v"));

        assertEquals(List.of("alpha", "bravo", "charlie"), names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, null, 10)));
        assertEquals(List.of("abacus"), names(store.scripts(ACCOUNT, "", TagFilter.ANY, null, 10)));
    }

    @Test
    void aTagFilterKeepsScriptsWithEveryYesTagAndNoNoTag() {
        String namespaceId = id();
        putTagged(namespaceId, "both", "paid", "eu");
        putTagged(namespaceId, "paid-only", "paid");
        putTagged(namespaceId, "paid-and-banned", "paid", "eu", "banned");
        putTagged(namespaceId, "untagged");
        putTagged(namespaceId, "banned-only", "banned");

        assertEquals(List.of("both", "paid-and-banned"), listNames(namespaceId, filter(List.of("paid", "eu"), List.of())));
        assertEquals(List.of("both"), listNames(namespaceId, filter(List.of("paid", "eu"), List.of("banned"))));
        assertEquals(List.of("both", "paid-only", "untagged"), listNames(namespaceId, filter(List.of(), List.of("banned"))));
        assertEquals(List.of("both", "paid-only", "untagged"), listNames(namespaceId, filter(List.of(), List.of("banned", "nobody"))));
        assertEquals(List.of(), listNames(namespaceId, filter(List.of("nobody"), List.of())));
        assertEquals(5, listNames(namespaceId, TagFilter.ANY).size());
    }

    @Test
    void pagesOfAFilteredListingAreFullAndTogetherHoldEveryMatchOnce() {
        String namespaceId = id();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "worker-%02d".formatted(i);
            boolean matches = i % 3 == 0;
            putTagged(namespaceId, name, matches ? "wanted" : "unwanted");
            if (matches) {
                expected.add(name);
            }
        }
        TagFilter wanted = filter(List.of("wanted"), List.of());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<ScriptRecord> page;
        do {
            page = store.scripts(ACCOUNT, namespaceId, wanted, cursor, 4);
            assertTrue(page.size() == 4 || seen.size() + page.size() == expected.size(), "a short page before the end");
            page.forEach(script -> seen.add(script.key().name()));
            cursor = page.isEmpty() ? cursor : page.getLast().key().name();
        } while (!page.isEmpty());
        assertEquals(expected, seen);
    }

    @Test
    void theCursorIsExclusiveAndTheLimitIsRespected() {
        String namespaceId = id();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            putTagged(namespaceId, name);
        }
        assertEquals(List.of("c", "d"), names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, "b", 2)));
        assertEquals(List.of("e"), names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, "d", 2)));
        assertEquals(List.of(), names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, "e", 2)));
        assertEquals(List.of("c"), names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, "bb", 1)));
        assertEquals(List.of(), names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, null, 0)));
    }

    @Test
    void listedScriptsCarryTheirTags() {
        String namespaceId = id();
        putTagged(namespaceId, "one", "x", "y");
        putTagged(namespaceId, "two");
        putTagged(namespaceId, "three", "z");
        List<ScriptRecord> listed = store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, null, 10);
        assertEquals(List.of(List.of("x", "y"), List.of("z"), List.of()), listed.stream().map(ScriptRecord::tags).toList());
    }

    @Test
    void deletingAScriptDeletesItsSecretsAndTagsButKeepsVersionsAndBlobs() {
        ScriptKey key = new ScriptKey(ACCOUNT, id(), "worker");
        store.putBlob("sha-1", bytes("code"));
        store.putVersion(version("version-1", "tag-1", module("index.js", "sha-1")));
        store.putScript(script(key, "tag-1", "version-1", "customer-7"));
        store.putSecret("tag-1", secret("TOKEN", "sealed"));

        assertTrue(store.deleteScript(key));

        assertEquals(Optional.empty(), store.script(key));
        assertEquals(Map.of(), store.secrets("tag-1"));
        assertTrue(store.version("version-1").isPresent());
        assertTrue(store.blob("sha-1").isPresent());
        store.putScript(script(key, "tag-1", "version-1"));
        assertEquals(List.of(), store.script(key).orElseThrow().tags(), "no tags survive the deleted script");
    }

    @Test
    void deletingAScriptThatDoesNotExistReturnsFalseAndTouchesNothing() {
        store.putSecret("tag-unrelated", secret("KEEP", "sealed"));
        assertFalse(store.deleteScript(ScriptKey.plain(ACCOUNT, "ghost")));
        assertEquals(1, store.secrets("tag-unrelated").size());
    }

    // ------------------------------------------------------------------ versions and blobs

    @Test
    void aVersionIsReadBackWithItsModulesInUploadOrder() {
        VersionRecord put = new VersionRecord("version-1", "tag-1", "{\"main_module\":\"z.js\",\"bindings\":[]}",
                List.of(module("z.js", "sha-z"), new ModuleRef("a.wasm", "application/wasm", "sha-a"),
                        new ModuleRef("data/m.txt", "text/plain", "sha-m")),
                CREATED);
        store.putVersion(put);
        assertEquals(Optional.of(put), store.version("version-1"));
        assertEquals(Optional.empty(), store.version("version-2"));
    }

    @Test
    void aVersionWithoutModulesIsReadBackEmpty() {
        VersionRecord put = new VersionRecord("version-1", "tag-1", "{}", List.of(), CREATED);
        store.putVersion(put);
        assertEquals(Optional.of(put), store.version("version-1"));
    }

    @Test
    void puttingAVersionWhoseIdExistsKeepsTheFirst() {
        VersionRecord first = version("version-1", "tag-1", module("index.js", "sha-1"));
        store.putVersion(first);
        store.putVersion(new VersionRecord("version-1", "tag-2", "{\"other\":true}", List.of(), MODIFIED));
        assertEquals(Optional.of(first), store.version("version-1"));
    }

    @Test
    void blobsRoundTripByteForByteAndAreStoredOnce() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        store.putBlob("sha-every", everyByte);
        store.putBlob("sha-empty", new byte[0]);
        store.putBlob("sha-every", bytes("a second upload does not replace the first"));
        assertArrayEquals(everyByte, store.blob("sha-every").orElseThrow());
        assertArrayEquals(new byte[0], store.blob("sha-empty").orElseThrow());
        assertEquals(Optional.empty(), store.blob("sha-missing"));
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void secretsAreReadBackByNameWithTheirTypeAndSealedBytes() {
        store.putSecret("tag-1", new SecretRecord("B_KEY", "secret_key", new byte[] {1, 2, 3}));
        store.putSecret("tag-1", new SecretRecord("A_TEXT", "secret_text", new byte[] {0, -1}));
        store.putSecret("tag-2", new SecretRecord("OTHER", "secret_text", new byte[] {9}));
        Map<String, SecretRecord> secrets = store.secrets("tag-1");
        assertEquals(List.of("A_TEXT", "B_KEY"), List.copyOf(secrets.keySet()));
        assertEquals("secret_key", secrets.get("B_KEY").type());
        assertArrayEquals(new byte[] {1, 2, 3}, secrets.get("B_KEY").sealed());
        assertEquals("secret_text", secrets.get("A_TEXT").type());
        assertArrayEquals(new byte[] {0, -1}, secrets.get("A_TEXT").sealed());
        assertEquals(Map.of(), store.secrets("tag-3"));
    }

    @Test
    void puttingASecretAgainReplacesItsTypeAndValue() {
        store.putSecret("tag-1", new SecretRecord("KEY", "secret_text", bytes("old")));
        store.putSecret("tag-1", new SecretRecord("KEY", "secret_key", bytes("new")));
        SecretRecord read = store.secrets("tag-1").get("KEY");
        assertEquals("secret_key", read.type());
        assertArrayEquals(bytes("new"), read.sealed());
        assertEquals(1, store.secrets("tag-1").size());
    }

    @Test
    void deletingASecretRemovesOnlyThatSecretAndSaysWhetherItExisted() {
        store.putSecret("tag-1", secret("GONE", "sealed"));
        store.putSecret("tag-1", secret("KEPT", "sealed"));
        store.putSecret("tag-2", secret("GONE", "sealed"));
        assertTrue(store.deleteSecret("tag-1", "GONE"));
        assertFalse(store.deleteSecret("tag-1", "GONE"));
        assertEquals(List.of("KEPT"), List.copyOf(store.secrets("tag-1").keySet()));
        assertEquals(List.of("GONE"), List.copyOf(store.secrets("tag-2").keySet()));
    }

    // ------------------------------------------------------------------ zones and routes

    @Test
    void aCreatedZoneIsFoundByIdAndListedByNameForItsAccount() {
        ZoneRecord second = new ZoneRecord(id(), ACCOUNT, "zeta.example", CREATED);
        ZoneRecord first = new ZoneRecord(id(), ACCOUNT, "alpha.example", CREATED);
        ZoneRecord elsewhere = new ZoneRecord(id(), OTHER_ACCOUNT, "beta.example", CREATED);
        store.createZone(second);
        store.createZone(first);
        store.createZone(elsewhere);
        assertEquals(Optional.of(first), store.zone(first.id()));
        assertEquals(List.of(first, second), store.zones(ACCOUNT));
        assertEquals(List.of(elsewhere), store.zones(OTHER_ACCOUNT));
        assertEquals(Optional.empty(), store.zone(id()));
    }

    @Test
    void creatingAZoneWithATakenNameConflictsAndWritesNothing() {
        ZoneRecord first = new ZoneRecord(id(), ACCOUNT, "shop.example", CREATED);
        store.createZone(first);
        ZoneRecord duplicate = new ZoneRecord(id(), ACCOUNT, "shop.example", MODIFIED);
        StoreConflictException conflict = assertThrows(StoreConflictException.class, () -> store.createZone(duplicate));
        assertTrue(conflict.getMessage().contains("shop.example"), conflict.getMessage());
        assertEquals(Optional.empty(), store.zone(duplicate.id()));
        store.createZone(new ZoneRecord(id(), OTHER_ACCOUNT, "shop.example", CREATED));
        assertEquals(1, store.zones(OTHER_ACCOUNT).size());
    }

    @Test
    void puttingARouteCreatesItAndPuttingItAgainReplacesIt() {
        ZoneRecord zone = zone(ACCOUNT, "shop.example");
        RouteRecord created = new RouteRecord(id(), zone.id(), "shop.example/*", "dispatcher");
        store.putRoute(created);
        assertEquals(Optional.of(created), store.route(created.id()));
        RouteRecord replaced = new RouteRecord(created.id(), zone.id(), "shop.example/api/*", "api-dispatcher");
        store.putRoute(replaced);
        assertEquals(Optional.of(replaced), store.route(created.id()));
        assertEquals(List.of(replaced), store.routes(zone.id()));
        assertEquals(Optional.empty(), store.route(id()));
    }

    @Test
    void aSecondRouteWithAPatternTheZoneAlreadyRoutesConflictsAndWritesNothing() {
        ZoneRecord zone = zone(ACCOUNT, "shop.example");
        ZoneRecord otherZone = zone(ACCOUNT, "other.example");
        RouteRecord first = new RouteRecord(id(), zone.id(), "*.shop.example/*", "dispatcher");
        store.putRoute(first);
        RouteRecord clash = new RouteRecord(id(), zone.id(), "*.shop.example/*", "intruder");
        assertThrows(StoreConflictException.class, () -> store.putRoute(clash));
        assertEquals(Optional.empty(), store.route(clash.id()));
        assertEquals(List.of(first), store.routes(zone.id()));
        RouteRecord samePatternElsewhere = new RouteRecord(id(), otherZone.id(), "*.shop.example/*", "dispatcher");
        store.putRoute(samePatternElsewhere);
        assertEquals(List.of(samePatternElsewhere), store.routes(otherZone.id()));
    }

    @Test
    void aRouteForAZoneThatDoesNotExistIsRefused() {
        RouteRecord orphan = new RouteRecord(id(), id(), "nowhere.example/*", "dispatcher");
        assertThrows(StoreConflictException.class, () -> store.putRoute(orphan));
        assertEquals(Optional.empty(), store.route(orphan.id()));
    }

    @Test
    void deletingAZoneDeletesItsRoutesAndNoOthers() {
        ZoneRecord doomed = zone(ACCOUNT, "doomed.example");
        ZoneRecord kept = zone(ACCOUNT, "kept.example");
        RouteRecord doomedRoute = new RouteRecord(id(), doomed.id(), "doomed.example/*", "dispatcher");
        RouteRecord keptRoute = new RouteRecord(id(), kept.id(), "kept.example/*", "dispatcher");
        store.putRoute(doomedRoute);
        store.putRoute(keptRoute);

        assertTrue(store.deleteZone(doomed.id()));
        assertFalse(store.deleteZone(doomed.id()));

        assertEquals(Optional.empty(), store.zone(doomed.id()));
        assertEquals(Optional.empty(), store.route(doomedRoute.id()));
        assertEquals(List.of(), store.routes(doomed.id()));
        assertEquals(List.of(keptRoute), store.accountRoutes(ACCOUNT));
    }

    @Test
    void accountRoutesHoldEveryRouteOfTheAccountsZonesAndNoOtherAccounts() {
        ZoneRecord shop = zone(ACCOUNT, "shop.example");
        ZoneRecord blog = zone(ACCOUNT, "blog.example");
        ZoneRecord foreign = zone(OTHER_ACCOUNT, "foreign.example");
        RouteRecord shopAll = new RouteRecord(id(), shop.id(), "shop.example/*", "shop");
        RouteRecord shopApi = new RouteRecord(id(), shop.id(), "shop.example/api/*", "api");
        RouteRecord blogAll = new RouteRecord(id(), blog.id(), "blog.example/*", "blog");
        RouteRecord foreignAll = new RouteRecord(id(), foreign.id(), "foreign.example/*", "foreign");
        for (RouteRecord route : List.of(shopAll, shopApi, blogAll, foreignAll)) {
            store.putRoute(route);
        }
        List<RouteRecord> routes = store.accountRoutes(ACCOUNT);
        assertEquals(3, routes.size());
        assertTrue(routes.containsAll(List.of(shopAll, shopApi, blogAll)), routes.toString());
        assertEquals(List.of(foreignAll), store.accountRoutes(OTHER_ACCOUNT));
    }

    @Test
    void deletingARouteSaysWhetherItExisted() {
        ZoneRecord zone = zone(ACCOUNT, "shop.example");
        RouteRecord route = new RouteRecord(id(), zone.id(), "shop.example/*", "dispatcher");
        store.putRoute(route);
        assertTrue(store.deleteRoute(route.id()));
        assertFalse(store.deleteRoute(route.id()));
        assertEquals(List.of(), store.routes(zone.id()));
    }

    // ------------------------------------------------------------------ transactions

    @Test
    void aTransactionCommitsAllItsWritesAndReturnsTheWorksResult() {
        ScriptKey key = ScriptKey.plain(ACCOUNT, "worker");
        String result = store.inTransaction(() -> {
            store.putBlob("sha-1", bytes("code"));
            store.putVersion(version("version-1", "tag-1", module("index.js", "sha-1")));
            store.putScript(script(key, "tag-1", "version-1"));
            store.putSecret("tag-1", secret("KEY", "sealed"));
            return "deployed";
        });
        assertEquals("deployed", result);
        assertEquals("version-1", store.script(key).orElseThrow().versionId());
        assertTrue(store.version("version-1").isPresent());
        assertTrue(store.blob("sha-1").isPresent());
        assertEquals(1, store.secrets("tag-1").size());
    }

    @Test
    void aTransactionThatThrowsWritesNothingAndRethrowsTheSameException() {
        NamespaceRecord namespace = namespace(ACCOUNT, "half-done");
        ScriptKey key = ScriptKey.plain(ACCOUNT, "worker");
        IllegalStateException failure = new IllegalStateException("the deploy failed half-way");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            store.createNamespace(namespace);
            store.putBlob("sha-1", bytes("code"));
            store.putVersion(version("version-1", "tag-1", module("index.js", "sha-1")));
            store.putScript(script(key, "tag-1", "version-1", "customer"));
            store.putSecret("tag-1", secret("KEY", "sealed"));
            store.putToken("hash-1", ACCOUNT);
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(Optional.empty(), store.namespaceById(namespace.id()));
        assertEquals(Optional.empty(), store.blob("sha-1"));
        assertEquals(Optional.empty(), store.version("version-1"));
        assertEquals(Optional.empty(), store.script(key));
        assertEquals(Map.of(), store.secrets("tag-1"));
        assertEquals(Optional.empty(), store.accountForToken("hash-1"));
    }

    @Test
    void aTransactionThatThrowsAnErrorWritesNothingEither() {
        AssertionError failure = new AssertionError("not an exception, still undone");
        AssertionError thrown = assertThrows(AssertionError.class, () -> store.inTransaction(() -> {
            store.putToken("hash-1", ACCOUNT);
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(Optional.empty(), store.accountForToken("hash-1"));
    }

    @Test
    void aConflictInsideATransactionRollsBackTheWholeTransaction() {
        store.createNamespace(namespace(ACCOUNT, "taken"));
        assertThrows(StoreConflictException.class, () -> store.inTransaction(() -> {
            store.putToken("hash-1", ACCOUNT);
            store.createNamespace(namespace(ACCOUNT, "taken"));
            return null;
        }));
        assertEquals(Optional.empty(), store.accountForToken("hash-1"));
        assertEquals(1, store.namespaces(ACCOUNT).size());
    }

    @Test
    void aNestedTransactionJoinsTheOuterOneAndIsUndoneWithIt() {
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            store.inTransaction(() -> {
                store.putToken("inner", ACCOUNT);
                return null;
            });
            assertEquals(Optional.of(ACCOUNT), store.accountForToken("inner"), "the outer work sees the inner writes");
            throw new IllegalStateException("the outer work fails after the inner one succeeded");
        }));
        assertEquals(Optional.empty(), store.accountForToken("inner"));
    }

    @Test
    void aNestedTransactionThatThrowsIsUndoneWhileTheOuterOneCommits() {
        store.inTransaction(() -> {
            store.putToken("outer-before", ACCOUNT);
            assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
                store.putToken("inner", ACCOUNT);
                throw new IllegalStateException("inner failure, caught by the outer work");
            }));
            store.putToken("outer-after", ACCOUNT);
            return null;
        });
        assertEquals(Optional.of(ACCOUNT), store.accountForToken("outer-before"));
        assertEquals(Optional.of(ACCOUNT), store.accountForToken("outer-after"));
        assertEquals(Optional.empty(), store.accountForToken("inner"));
    }

    @Test
    void anotherThreadNeverSeesATransactionsWritesBeforeItCommits() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            store.inTransaction(() -> {
                store.putToken("hash-1", ACCOUNT);
                Future<Optional<String>> read = reader.submit(() -> store.accountForToken("hash-1"));
                try {
                    // A store may make the reader wait for the commit or show it the data as it was; either is fine.
                    assertEquals(Optional.empty(), read.get(300, TimeUnit.MILLISECONDS));
                } catch (TimeoutException waitingForCommit) {
                    read.cancel(false);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            assertEquals(Optional.of(ACCOUNT), reader.submit(() -> store.accountForToken("hash-1")).get(10, TimeUnit.SECONDS));
        } finally {
            reader.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ durability, odd names, concurrency

    @Test
    void everythingWrittenIsThereAfterCloseAndReopen() {
        NamespaceRecord namespace = namespace(ACCOUNT, "durable");
        ScriptRecord script = script(new ScriptKey(ACCOUNT, namespace.id(), "worker"), "tag-1", "version-1", "t1", "t2");
        VersionRecord version = version("version-1", "tag-1", module("index.js", "sha-1"));
        ZoneRecord zone = new ZoneRecord(id(), ACCOUNT, "durable.example", CREATED);
        RouteRecord route = new RouteRecord(id(), zone.id(), "durable.example/*", "dispatcher");
        store.putToken("hash-1", ACCOUNT);
        store.createNamespace(namespace);
        store.putBlob("sha-1", bytes("code"));
        store.putVersion(version);
        store.putScript(script);
        store.putSecret("tag-1", secret("KEY", "sealed"));
        store.createZone(zone);
        store.putRoute(route);

        ControlStore reopened = reopen();

        assertEquals(Optional.of(ACCOUNT), reopened.accountForToken("hash-1"));
        assertEquals(Optional.of(namespace), reopened.namespaceById(namespace.id()));
        assertEquals(Optional.of(script), reopened.script(script.key()));
        assertEquals(Optional.of(version), reopened.version("version-1"));
        assertArrayEquals(bytes("code"), reopened.blob("sha-1").orElseThrow());
        assertArrayEquals(bytes("sealed"), reopened.secrets("tag-1").get("KEY").sealed());
        assertEquals(Optional.of(zone), reopened.zone(zone.id()));
        assertEquals(List.of(route), reopened.accountRoutes(ACCOUNT));
    }

    @Test
    void namesWithOddCharactersRoundTripUnchanged() {
        List<NamespaceRecord> namespaces = new ArrayList<>();
        String namespaceId = id();
        ZoneRecord zone = zone(ACCOUNT, "odd.example");
        for (int i = 0; i < ODD_NAMES.size(); i++) {
            String odd = ODD_NAMES.get(i);
            NamespaceRecord namespace = namespace(ACCOUNT, odd);
            namespaces.add(namespace);
            store.createNamespace(namespace);
            store.putScript(script(new ScriptKey(ACCOUNT, namespaceId, odd), "tag-" + i, "version-" + odd, odd));
            store.putSecret("tag-" + i, secret(odd, odd));
            store.putRoute(new RouteRecord("route-" + i, zone.id(), "odd.example/" + odd, odd));
        }
        for (int i = 0; i < ODD_NAMES.size(); i++) {
            String odd = ODD_NAMES.get(i);
            assertEquals(Optional.of(namespaces.get(i)), store.namespace(ACCOUNT, odd), odd);
            ScriptRecord script = store.script(new ScriptKey(ACCOUNT, namespaceId, odd)).orElseThrow(() -> new AssertionError(odd));
            assertEquals("version-" + odd, script.versionId());
            assertEquals(List.of(odd), script.tags());
            assertEquals(List.of(odd), names(store.scripts(ACCOUNT, namespaceId, filter(List.of(odd), List.of()), null, 100)));
            assertArrayEquals(bytes(odd), store.secrets("tag-" + i).get(odd).sealed(), odd);
            assertEquals("odd.example/" + odd, store.route("route-" + i).orElseThrow().pattern());
        }
        assertEquals(ODD_NAMES.size(), store.namespaces(ACCOUNT).size());
        assertEquals(ODD_NAMES.size(), store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, null, 100).size());
    }

    @Test
    void pagingThroughOddNamesVisitsEachScriptOnce() {
        String namespaceId = id();
        for (int i = 0; i < ODD_NAMES.size(); i++) {
            store.putScript(script(new ScriptKey(ACCOUNT, namespaceId, ODD_NAMES.get(i)), "tag-" + i, "v"));
        }
        List<String> everything = names(store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, null, 100));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (List<ScriptRecord> page; !(page = store.scripts(ACCOUNT, namespaceId, TagFilter.ANY, cursor, 2)).isEmpty(); ) {
            paged.addAll(names(page));
            cursor = page.getLast().key().name();
        }
        assertEquals(everything, paged);
        assertEquals(ODD_NAMES.size(), paged.size());
        assertEquals(Set.copyOf(ODD_NAMES), Set.copyOf(paged));
    }

    @Test
    void concurrentWritersFromManyThreadsLoseNothing() throws Exception {
        int threads = 8;
        int scriptsPerThread = 40;
        String namespaceId = id();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> writers = IntStream.range(0, threads).<Future<?>>mapToObj(thread -> pool.submit(() -> {
                start.await();
                for (int i = 0; i < scriptsPerThread; i++) {
                    String name = "t%d-s%02d".formatted(thread, i);
                    store.putScript(script(new ScriptKey(ACCOUNT, namespaceId, name), "tag-" + name, "v", "thread-" + thread));
                    store.putSecret("tag-" + name, secret("KEY", name));
                    store.script(new ScriptKey(ACCOUNT, namespaceId, name)).orElseThrow();
                }
                return null;
            })).toList();
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(threads * scriptsPerThread, store.scriptCount(namespaceId));
        assertEquals(threads * scriptsPerThread, reopen().scriptCount(namespaceId), "the file is intact on reopening");
        for (int thread = 0; thread < threads; thread++) {
            List<ScriptRecord> own = store.scripts(ACCOUNT, namespaceId, filter(List.of("thread-" + thread), List.of()), null, 1000);
            assertEquals(scriptsPerThread, own.size());
            for (ScriptRecord script : own) {
                assertArrayEquals(bytes(script.key().name()), store.secrets(script.tag()).get("KEY").sealed());
            }
        }
    }

    @Test
    void concurrentReadModifyWriteTransactionsNeverLoseAnUpdate() throws Exception {
        int threads = 6;
        int incrementsPerThread = 25;
        store.putToken("counter", "0");
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> incrementers = IntStream.range(0, threads).<Future<?>>mapToObj(thread -> pool.submit(() -> {
                for (int i = 0; i < incrementsPerThread; i++) {
                    store.inTransaction(() -> {
                        int value = Integer.parseInt(store.accountForToken("counter").orElseThrow());
                        store.putToken("counter", Integer.toString(value + 1));
                        return null;
                    });
                }
                return null;
            })).toList();
            for (Future<?> incrementer : incrementers) {
                incrementer.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(Optional.of(Integer.toString(threads * incrementsPerThread)), store.accountForToken("counter"));
    }

    // ------------------------------------------------------------------ helpers

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static NamespaceRecord namespace(String accountId, String name) {
        return new NamespaceRecord(id(), accountId, name, false, true, CREATED, MODIFIED);
    }

    private static ScriptRecord script(ScriptKey key, String tag, String versionId, String... tags) {
        return new ScriptRecord(key, tag, versionId, List.of(tags), CREATED, MODIFIED);
    }

    private static VersionRecord version(String id, String scriptTag, ModuleRef... modules) {
        return new VersionRecord(id, scriptTag, "{\"main_module\":\"index.js\"}", List.of(modules), CREATED);
    }

    private static ModuleRef module(String name, String sha256) {
        return new ModuleRef(name, "application/javascript+module", sha256);
    }

    private static SecretRecord secret(String name, String sealed) {
        return new SecretRecord(name, "secret_text", bytes(sealed));
    }

    private static TagFilter filter(List<String> required, List<String> excluded) {
        return new TagFilter(required, excluded);
    }

    private ZoneRecord zone(String accountId, String name) {
        ZoneRecord zone = new ZoneRecord(id(), accountId, name, CREATED);
        store.createZone(zone);
        return zone;
    }

    private void putTagged(String namespaceId, String name, String... tags) {
        store.putScript(script(new ScriptKey(ACCOUNT, namespaceId, name), "tag-" + namespaceId + "-" + name, "v", tags));
    }

    private List<String> listNames(String namespaceId, TagFilter filter) {
        return names(store.scripts(ACCOUNT, namespaceId, filter, null, 100));
    }

    private static List<String> names(List<ScriptRecord> scripts) {
        return scripts.stream().map(script -> script.key().name()).toList();
    }
}
