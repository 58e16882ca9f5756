package dev.corral.api;

import static dev.corral.api.ApiFixture.ACCOUNT;
import static dev.corral.api.ApiFixture.NAMESPACES;
import static dev.corral.api.ApiFixture.body;
import static dev.corral.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementApiTest {
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

    private static void assertError(ApiResponse response, int status, int code, String message) {
        assertEquals(status, response.status());
        assertEquals("application/json", response.headers().get("Content-Type"));
        assertEquals(json("{'success':false,'errors':[{'code':" + code + ",'message':'" + message + "'}],"
                + "'messages':[],'result':null}"), body(response));
    }

    @Test
    void aMissingOrUnknownTokenIs401WithCode10000() {
        assertError(fx.get(NAMESPACES).withoutAuth().send(), 401, 10000, "Authentication error");
        assertError(fx.get(NAMESPACES).header("Authorization", "Bearer wrong").send(), 401, 10000, "Authentication error");
        assertError(fx.get(NAMESPACES).header("Authorization", "Basic dGVzdA==").send(), 401, 10000, "Authentication error");
    }

    @Test
    void aValidTokenForAnotherAccountIs403WithCode9109() {
        assertError(fx.get("/client/v4/accounts/someone-else/workers/dispatch/namespaces").send(), 403, 9109,
                "Unauthorized to access requested resource");
    }

    @Test
    void unknownRoutesAre404AndWrongMethodsAre405() {
        assertError(fx.get("/client/v4/accounts/" + ACCOUNT + "/nothing/here").send(), 404, 7003, "No route for the URI");
        assertError(fx.get("/elsewhere").send(), 404, 7003, "No route for the URI");
        assertError(fx.patch(NAMESPACES).send(), 405, 10405, "Method not allowed");
    }

    @Test
    void clientErrorsTellTheSdkNotToRetry() {
        ApiResponse response = fx.get(NAMESPACES + "/missing").send();
        assertEquals(404, response.status());
        assertEquals("false", response.headers().get("x-should-retry"));
        assertNull(fx.get(NAMESPACES).send().headers().get("x-should-retry"));
    }

    @Test
    void anUnexpectedFailureIs500WithAGenericMessage() {
        ManagementApi api = new ManagementApi(fx.store, List.of(router -> router.route("GET", "/boom", call -> {
            throw new IllegalStateException("secret internals");
        })));
        ApiResponse response = api.handle(new ApiRequest("GET", "/client/v4/boom", Map.of(),
                Map.of("Authorization", "Bearer " + ApiFixture.TOKEN), new byte[0]));
        assertEquals(500, response.status());
        assertEquals(10013, body(response).at("/errors/0/code").asInt());
        assertFalse(body(response).toString().contains("secret internals"));
        assertEquals("application/json", response.headers().get("Content-Type"));
    }
}
