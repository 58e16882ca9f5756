package dev.corral.api.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SDK 7.x's bracket-flattened fields rebuilt with Rails semantics, then given back their known types. */
class BracketFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoBindingsOfDifferentTypesAndNestedLimitsAreRebuilt() throws Exception {
        ObjectNode metadata = rebuild(
                "metadata[main_module]", "worker.js",
                "metadata[bindings][][type]", "r2_bucket",
                "metadata[bindings][][name]", "BUCKET",
                "metadata[bindings][][bucket_name]", "customer-a-bucket",
                "metadata[bindings][][type]", "durable_object_namespace",
                "metadata[bindings][][name]", "COUNTER",
                "metadata[bindings][][class_name]", "Counter",
                "metadata[limits][cpu_ms]", "50",
                "metadata[limits][subrequests]", "1000",
                "metadata[keep_assets]", "true",
                "metadata[migrations][new_tag]", "v1",
                "metadata[migrations][steps][][new_sqlite_classes][]", "Counter");
        assertEquals(JSON.readTree("""
                {"main_module":"worker.js",
                 "bindings":[{"type":"r2_bucket","name":"BUCKET","bucket_name":"customer-a-bucket"},
                             {"type":"durable_object_namespace","name":"COUNTER","class_name":"Counter"}],
                 "limits":{"cpu_ms":50,"subrequests":1000},
                 "keep_assets":true,
                 "migrations":{"new_tag":"v1","steps":[{"new_sqlite_classes":["Counter"]}]}}
                """), metadata);
    }

    @Test
    void repeatedArrayLeavesStayInTheSameElement() throws Exception {
        ObjectNode metadata = rebuild(
                "metadata[bindings][][name]", "KEY",
                "metadata[bindings][][type]", "secret_key",
                "metadata[bindings][][usages][]", "sign",
                "metadata[bindings][][usages][]", "verify",
                "metadata[bindings][][name]", "OTHER",
                "metadata[bindings][][type]", "secret_key",
                "metadata[bindings][][usages][]", "encrypt");
        assertEquals(JSON.readTree("""
                {"bindings":[{"name":"KEY","type":"secret_key","usages":["sign","verify"]},
                             {"name":"OTHER","type":"secret_key","usages":["encrypt"]}]}
                """), metadata);
    }

    @Test
    void nestedObjectsInsideArrayElementsStartANewElementOnlyWhenALeafRepeats() throws Exception {
        ObjectNode metadata = rebuild(
                "metadata[bindings][][name]", "DISPATCHER",
                "metadata[bindings][][type]", "dispatch_namespace",
                "metadata[bindings][][outbound][worker][service]", "outbound-worker",
                "metadata[bindings][][outbound][params][][name]", "customer",
                "metadata[bindings][][outbound][params][][name]", "plan",
                "metadata[bindings][][name]", "LIMITER",
                "metadata[bindings][][type]", "ratelimit",
                "metadata[bindings][][simple][limit]", "100",
                "metadata[bindings][][simple][period]", "60");
        assertEquals(JSON.readTree("""
                {"bindings":[{"name":"DISPATCHER","type":"dispatch_namespace",
                              "outbound":{"worker":{"service":"outbound-worker"},"params":[{"name":"customer"},{"name":"plan"}]}},
                             {"name":"LIMITER","type":"ratelimit","simple":{"limit":100,"period":60}}]}
                """), metadata);
    }

    @Test
    void unknownFieldsStayStringsEvenWhenTheyLookTyped() {
        ObjectNode metadata = rebuild(
                "metadata[bindings][][name]", "CONFIG",
                "metadata[bindings][][type]", "json",
                "metadata[bindings][][json][enabled]", "true",
                "metadata[bindings][][json][limits][]", "1",
                "metadata[compatibility_date]", "2025-01-01");
        assertTrue(metadata.at("/bindings/0/json/enabled").isTextual());
        assertTrue(metadata.at("/bindings/0/json/limits/0").isTextual());
        assertEquals("2025-01-01", metadata.get("compatibility_date").asText());
    }

    @Test
    void aKnownFieldThatDoesNotReadAsItsTypeStaysAString() {
        ObjectNode metadata = rebuild("metadata[logpush]", "yes", "metadata[limits][cpu_ms]", "fifty");
        assertEquals("yes", metadata.get("logpush").asText());
        assertTrue(metadata.get("logpush").isTextual());
        assertTrue(metadata.at("/limits/cpu_ms").isTextual());
    }

    @Test
    void aFractionalSamplingRateBecomesANumber() {
        ObjectNode metadata = rebuild("metadata[observability][enabled]", "true",
                "metadata[observability][head_sampling_rate]", "0.25");
        assertTrue(metadata.at("/observability/enabled").booleanValue());
        assertEquals(0.25, metadata.at("/observability/head_sampling_rate").doubleValue());
    }

    @Test
    void runWorkerFirstIsABooleanOrAListOfGlobs() {
        assertTrue(rebuild("metadata[assets][config][run_worker_first]", "true")
                .at("/assets/config/run_worker_first").isBoolean());
        assertEquals("/api/*", rebuild("metadata[assets][config][run_worker_first][]", "/api/*")
                .at("/assets/config/run_worker_first/0").asText());
    }

    @Test
    void aFieldThatTurnsAValueIntoAnObjectIsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> rebuild("metadata[placement]", "smart", "metadata[placement][mode]", "smart"));
        MultipartParserTest.assertUnparseable(e, "metadata[placement][mode]");
    }

    @Test
    void aFieldNameThatIsNotABracketPathIsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class, () -> rebuild("metadata[tags", "a"));
        MultipartParserTest.assertUnparseable(e, "metadata[tags");
    }

    @Test
    void onlyNamesWithABracketRightAfterTheRootAreUnderIt() {
        assertTrue(BracketFields.isUnder("metadata", "metadata[main_module]"));
        assertFalse(BracketFields.isUnder("metadata", "metadata"));
        assertFalse(BracketFields.isUnder("metadata", "metadatax[a]"));
        assertFalse(BracketFields.isUnder("metadata", "files[]"));
    }

    private static ObjectNode rebuild(String... namesAndValues) {
        List<Part> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new Part(namesAndValues[i], null, null, namesAndValues[i + 1].getBytes(UTF_8)));
        }
        return KnownFieldTypes.restore(BracketFields.rebuild("metadata", fields));
    }
}
