package dev.corral.api.plain;

import static dev.corral.api.zones.RoutesTestApi.ACCOUNT;
import static dev.corral.api.zones.RoutesTestApi.OTHER_ACCOUNT;
import static dev.corral.api.zones.RoutesTestApi.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.api.ManagementApi;
import dev.corral.api.zones.RoutesTestApi;
import dev.corral.api.zones.RoutesTestApi.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account discovery, workers.dev and R2 calls wrangler makes, answered for the token's one account. */
class AccountEndpointsTest {
    @TempDir
    Path dataDir;
    private RoutesTestApi t;

    @BeforeEach
    void start() {
        t = new RoutesTestApi(dataDir, api -> List.of(new AccountEndpoints(), new WorkersDevEndpoints(api.control),
                new R2Endpoints()));
        t.deployPlain(ACCOUNT, "dispatcher");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void membershipsListTheTokensAccountAsWranglerReadsThem() {
        Reply reply = t.get("/memberships?page=1");
        assertEquals(200, reply.status());
        JsonNode membership = reply.result().get(0);
        assertEquals(1, reply.result().size());
        assertEquals(ACCOUNT, membership.path("account").path("id").asText());
        assertEquals(ACCOUNT, membership.path("account").path("name").asText());
        assertEquals("accepted", membership.get("status").asText());
        JsonNode info = reply.json().get("result_info");
        assertEquals(1, info.get("page").asInt());
        assertEquals(1, info.get("total_count").asInt());
        assertEquals(1, info.get("total_pages").asInt());
    }

    @Test
    void accountsShowOnlyTheTokensAccount() {
        assertEquals(ACCOUNT, t.get("/accounts").result().get(0).get("id").asText());
        assertEquals(ACCOUNT, t.get("/accounts/" + ACCOUNT).result().get("id").asText());
        Reply other = t.get("/accounts/" + OTHER_ACCOUNT);
        assertEquals(403, other.status());
        assertEquals(9109, other.errorCode());
    }

    @Test
    void theTokenVerifiesAsActiveAndHasNoUser() {
        for (String path : List.of("/user/tokens/verify", "/accounts/" + ACCOUNT + "/tokens/verify")) {
            JsonNode verified = t.get(path).result();
            assertEquals("active", verified.get("status").asText());
            assertEquals(ManagementApi.sha256Hex(TOKEN).substring(0, 32), verified.get("id").asText());
        }
        Reply user = t.get("/user");
        assertEquals(403, user.status());
        assertEquals(9109, user.errorCode(), "wrangler whoami reads 9109 as 'no e-mail'");
    }

    @Test
    void workersDevIsNamedCorralAndStaysOffForEveryScript() {
        assertEquals("corral", t.get("/accounts/" + ACCOUNT + "/workers/subdomain").result().get("subdomain").asText());
        String script = "/accounts/" + ACCOUNT + "/workers/scripts/dispatcher/subdomain";
        JsonNode before = t.get(script).result();
        assertFalse(before.get("enabled").asBoolean());
        assertFalse(before.get("previews_enabled").asBoolean());
        Reply enable = t.call(TOKEN, "POST", script, "{\"enabled\":true,\"previews_enabled\":true}");
        assertEquals(200, enable.status());
        assertEquals(before, enable.result());
        assertEquals(before, t.get(script).result());

        Reply missing = t.get("/accounts/" + ACCOUNT + "/workers/scripts/nope/subdomain");
        assertEquals(404, missing.status());
        assertEquals(10007, missing.errorCode());
    }

    @Test
    void r2BucketsAreMissingAndCannotBeCreatedYet() {
        Reply bucket = t.get("/accounts/" + ACCOUNT + "/r2/buckets/customer-a-bucket");
        assertEquals(404, bucket.status());
        assertEquals(10006, bucket.errorCode(), "wrangler provisions a bucket on exactly this code");
        assertEquals("The specified bucket does not exist.", bucket.errorMessage());
        assertTrue(t.get("/accounts/" + ACCOUNT + "/r2/buckets").result().get("buckets").isEmpty());
        Reply create = t.call(TOKEN, "POST", "/accounts/" + ACCOUNT + "/r2/buckets", "{\"name\":\"customer-a-bucket\"}");
        assertEquals(400, create.status());
        assertEquals(10021, create.errorCode());
        assertEquals("R2 is not available in this Corral version yet", create.errorMessage());
    }
}
