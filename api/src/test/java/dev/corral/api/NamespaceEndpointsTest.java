package dev.corral.api;

import static dev.corral.api.ApiFixture.ACCOUNT;
import static dev.corral.api.ApiFixture.NAMESPACES;
import static dev.corral.api.ApiFixture.body;
import static dev.corral.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.storage.NamespaceRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceEndpointsTest {
    @TempDir
    Path dir;
    ApiFixture fx;

    @BeforeEach
    void open() {
        fx = new ApiFixture(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private JsonNode ok(ApiResponse response) {
        assertEquals(200, response.status(), new String(response.body()));
        assertEquals("application/json", response.headers().get("Content-Type"));
        JsonNode body = body(response);
        assertEquals(json("{'success':true,'errors':[],'messages':[]}"),
                ((ObjectNode) body.deepCopy()).retain("success", "errors", "messages"));
        return body.get("result");
    }

    @Test
    void createAnswersTheNamespaceObjectAndStoresIt() {
        JsonNode result = ok(fx.post(NAMESPACES).json("{'name':'tenants'}").send());
        NamespaceRecord stored = fx.store.namespace(ACCOUNT, "tenants").orElseThrow();
        assertEquals(json("""
                {'namespace_id':'%s','namespace_name':'tenants','created_on':'%s','created_by':'%s',
                 'modified_on':'%s','modified_by':'%s','script_count':0,'trusted_workers':false,'corral_egress':'allow'}"""
                .formatted(stored.id(), stored.createdOn(), ACCOUNT, stored.modifiedOn(), ACCOUNT)), result);
    }

    @Test
    void createWithoutANameOrBodyGeneratesOne() {
        String generated = ok(fx.post(NAMESPACES).send()).get("namespace_name").asText();
        String fromEmptyObject = ok(fx.post(NAMESPACES).json("{}").send()).get("namespace_name").asText();
        assertTrue(fx.store.namespace(ACCOUNT, generated).isPresent());
        assertTrue(fx.store.namespace(ACCOUNT, fromEmptyObject).isPresent());
    }

    @Test
    void aDuplicateNameIs400NotA409AndStoresNothingNew() {
        ok(fx.post(NAMESPACES).json("{'name':'tenants'}").send());
        String before = fx.snapshot();
        ApiResponse response = fx.post(NAMESPACES).json("{'name':'tenants'}").send();
        assertEquals(400, response.status());
        assertEquals(10021, body(response).at("/errors/0/code").asInt());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void badBodiesAreRefusedWithoutChangingAnything() {
        String before = fx.snapshot();
        assertEquals(10026, body(fx.post(NAMESPACES).json("{not json").send()).at("/errors/0/code").asInt());
        assertEquals(10021, body(fx.post(NAMESPACES).json("{'name':'a/b'}").send()).at("/errors/0/code").asInt());
        assertEquals(10021, body(fx.post(NAMESPACES).json("{'name':7}").send()).at("/errors/0/code").asInt());
        assertEquals(10021, body(fx.post(NAMESPACES).json("['x']").send()).at("/errors/0/code").asInt());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void listAndGetTolerateWranglersJsonContentTypeOnBodilessRequests() {
        ok(fx.post(NAMESPACES).json("{'name':'b'}").send());
        ok(fx.post(NAMESPACES).json("{'name':'a'}").send());
        ApiResponse list = fx.get(NAMESPACES).header("Content-Type", "application/json").send();
        JsonNode result = ok(list);
        assertEquals(List.of("a", "b"), List.of(result.get(0).get("namespace_name").asText(),
                result.get(1).get("namespace_name").asText()));
        assertEquals(json("{'page':1,'per_page':2,'total_pages':1,'count':2,'total_count':2}"),
                body(list).get("result_info"));
        assertEquals("a", ok(fx.get(NAMESPACES + "/a").header("Content-Type", "application/json").send())
                .get("namespace_name").asText());
    }

    @Test
    void aMissingNamespaceIs404() {
        ApiResponse response = fx.get(NAMESPACES + "/missing").send();
        assertEquals(404, response.status());
        assertEquals(10121, body(response).at("/errors/0/code").asInt());
        assertEquals("Dispatch namespace 'missing' was not found", body(response).at("/errors/0/message").asText());
    }

    @Test
    void putRenamesAndSetsTrustAndEgress() {
        String id = ok(fx.post(NAMESPACES).json("{'name':'old'}").send()).get("namespace_id").asText();
        assertEquals("new", ok(fx.put(NAMESPACES + "/old").json("{'name':'new'}").send()).get("namespace_name").asText());
        JsonNode flagged = ok(fx.put(NAMESPACES + "/new").json("{'name':'new','trusted_workers':true,'corral_egress':'deny'}").send());
        assertEquals(id, flagged.get("namespace_id").asText());
        assertTrue(flagged.get("trusted_workers").asBoolean());
        assertEquals("deny", flagged.get("corral_egress").asText());
        NamespaceRecord stored = fx.store.namespace(ACCOUNT, "new").orElseThrow();
        assertTrue(stored.trustedWorkers());
        assertEquals(false, stored.egressAllowed());
        String before = fx.snapshot();
        assertEquals(10021, body(fx.put(NAMESPACES + "/new").json("{'corral_egress':'sometimes'}").send())
                .at("/errors/0/code").asInt());
        assertEquals(10021, body(fx.put(NAMESPACES + "/new").json("{'trusted_workers':'yes'}").send())
                .at("/errors/0/code").asInt());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void deleteAnswers200WithANullResult() {
        ok(fx.post(NAMESPACES).json("{'name':'gone'}").send());
        ApiResponse response = fx.delete(NAMESPACES + "/gone").send();
        assertEquals(200, response.status());
        assertEquals(json("{'success':true,'errors':[],'messages':[],'result':null}"), body(response));
        assertTrue(fx.store.namespace(ACCOUNT, "gone").isEmpty());
        assertEquals(404, fx.delete(NAMESPACES + "/gone").send().status());
    }
}
