package dev.corral.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BindingRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode binding(String text) {
        return (ObjectNode) json(text);
    }

    private static final BindingRules NEW_SCRIPT = new BindingRules(List.of(), Set.of(), id -> Optional.empty());

    private static int code(Runnable action) {
        return assertThrows(PlatformException.class, action::run).code();
    }

    @Test
    void supportedBindingsAreNormalizedAndSecretsSetApart() {
        ResolvedBindings resolved = NEW_SCRIPT.resolve(json("""
                [{'name':'GREETING','type':'plain_text','text':'hello','extra':1},
                 {'name':'CONFIG','type':'json','json':{'plan':'free'}},
                 {'name':'API_KEY','type':'secret_text','text':'s3cr3t'},
                 {'name':'AUTH','type':'service','service':'auth','entrypoint':'Auth'}]"""), Set.of(), true);
        assertEquals(List.of(
                binding("{'name':'GREETING','type':'plain_text','text':'hello'}"),
                binding("{'name':'CONFIG','type':'json','json':{'plan':'free'}}"),
                binding("{'name':'AUTH','type':'service','service':'auth','entrypoint':'Auth'}")), resolved.stored());
        assertEquals(Map.of("API_KEY", "s3cr3t"), resolved.secretValues());
    }

    @Test
    void dispatchNamespaceOutboundIsStoredInTheApiShapeWhicheverShapeArrives() {
        ObjectNode expected = binding("""
                {'name':'D','type':'dispatch_namespace','namespace':'tenants',
                 'outbound':{'worker':{'service':'out','environment':'production'},'params':[{'name':'customer'}]}}""");
        ResolvedBindings api = NEW_SCRIPT.resolve(json("""
                [{'name':'D','type':'dispatch_namespace','namespace':'tenants',
                  'outbound':{'worker':{'service':'out','environment':'production'},'params':[{'name':'customer'}]}}]"""),
                Set.of(), true);
        ResolvedBindings wrangler = NEW_SCRIPT.resolve(json("""
                [{'name':'D','type':'dispatch_namespace','namespace':'tenants',
                  'outbound':{'service':'out','environment':'production','parameters':['customer']}}]"""),
                Set.of(), true);
        assertEquals(List.of(expected), api.stored());
        assertEquals(List.of(expected), wrangler.stored());
    }

    @Test
    void unsupportedUnknownNamelessAndDuplicateBindingsAreRefusedWithCloudflareCodes() {
        PlatformException kv = assertThrows(PlatformException.class, () -> NEW_SCRIPT.resolve(
                json("[{'name':'KV','type':'kv_namespace','namespace_id':'x'}]"), Set.of(), true));
        assertEquals("Binding type 'kv_namespace' is not supported yet", kv.getMessage());
        PlatformException unknown = assertThrows(PlatformException.class, () -> NEW_SCRIPT.resolve(
                json("[{'name':'X','type':'teleporter'}]"), Set.of(), true));
        assertEquals("Unknown binding type 'teleporter'", unknown.getMessage());
        assertEquals(10021, unknown.code());
        assertEquals(10052, code(() -> NEW_SCRIPT.resolve(json("[{'type':'plain_text','text':'x'}]"), Set.of(), true)));
        assertEquals(10021, code(() -> NEW_SCRIPT.resolve(json("""
                [{'name':'A','type':'plain_text','text':'x'},{'name':'A','type':'secret_text','text':'y'}]"""),
                Set.of(), true)));
        assertEquals(10021, code(() -> NEW_SCRIPT.resolve(json("[{'name':'A','type':'plain_text','text':3}]"),
                Set.of(), true)));
    }

    @Test
    void valuesOverFiveKibibytesAreRefused() {
        String big = "x".repeat(5 * 1024 + 1);
        assertEquals(10054, code(() -> NEW_SCRIPT.resolve(json("[{'name':'A','type':'plain_text','text':'" + big + "'}]"),
                Set.of(), true)));
        assertEquals(10054, code(() -> NEW_SCRIPT.resolve(json("[{'name':'A','type':'secret_text','text':'" + big + "'}]"),
                Set.of(), true)));
        NEW_SCRIPT.resolve(json("[{'name':'A','type':'plain_text','text':'" + "x".repeat(5 * 1024) + "'}]"), Set.of(), true);
    }

    @Test
    void inheritCopiesABindingOfTheCurrentOrANamedVersion() {
        BindingRules rules = new BindingRules(
                List.of(binding("{'name':'OLD','type':'plain_text','text':'current'}")), Set.of("TOKEN"),
                id -> id.equals("v1") ? Optional.of(List.of(binding("{'name':'OLD','type':'plain_text','text':'first'}")))
                        : Optional.empty());
        ResolvedBindings resolved = rules.resolve(json("""
                [{'name':'OLD','type':'inherit'},
                 {'name':'RENAMED','type':'inherit','old_name':'OLD','version_id':'v1'},
                 {'name':'TOKEN','type':'inherit'},
                 {'name':'TOKEN2','type':'inherit','old_name':'TOKEN'}]"""), Set.of(), true);
        assertEquals(List.of(binding("{'name':'OLD','type':'plain_text','text':'current'}"),
                binding("{'name':'RENAMED','type':'plain_text','text':'first'}")), resolved.stored());
        assertEquals(Map.of("TOKEN2", "TOKEN"), resolved.copiedSecrets());
    }

    @Test
    void anUnresolvableInheritFailsWhenStrictAndIsDroppedOtherwise() {
        JsonNode bindings = json("[{'name':'GONE','type':'inherit'}]");
        PlatformException e = assertThrows(PlatformException.class, () -> NEW_SCRIPT.resolve(bindings, Set.of(), true));
        assertEquals(10057, e.code());
        assertEquals("inherit binding 'GONE' is invalid", e.getMessage());
        assertTrue(NEW_SCRIPT.resolve(bindings, Set.of(), false).stored().isEmpty());
    }

    @Test
    void keepBindingsCarriesOverTheListedTypesUnlessSentAgain() {
        BindingRules rules = new BindingRules(List.of(
                binding("{'name':'A','type':'plain_text','text':'old-a'}"),
                binding("{'name':'B','type':'plain_text','text':'old-b'}"),
                binding("{'name':'S','type':'service','service':'svc'}")), Set.of(), id -> Optional.empty());
        ResolvedBindings resolved = rules.resolve(json("[{'name':'A','type':'plain_text','text':'new-a'}]"),
                Set.of("plain_text"), true);
        assertEquals(List.of(binding("{'name':'A','type':'plain_text','text':'new-a'}"),
                binding("{'name':'B','type':'plain_text','text':'old-b'}")), resolved.stored());
    }

    @Test
    void moreThan128VariablesAndSecretsAreRefused() {
        List<ObjectNode> vars = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> binding("{'name':'V" + i + "','type':'plain_text','text':'x'}")).toList();
        BindingRules.checkVarCount(vars, 28);
        assertEquals(10055, code(() -> BindingRules.checkVarCount(vars, 29)));
    }
}
