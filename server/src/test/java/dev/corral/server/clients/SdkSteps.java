package dev.corral.server.clients;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What an SDK scenario script (src/test/resources/clients/*.mjs) printed: each step's value, or the error it threw. */
final class SdkSteps {
    private final Cli.Result run;
    private final JsonNode steps;

    private SdkSteps(Cli.Result run, JsonNode steps) {
        this.run = run;
        this.steps = steps;
    }

    /** Reads the one JSON line a scenario prints last; a script that crashed fails the test with its output. */
    static SdkSteps of(Cli.Result run) {
        run.succeeded();
        String[] lines = run.stdout().strip().split("\n");
        try {
            return new SdkSteps(run, CorralApi.JSON.readTree(lines[lines.length - 1]).path("steps"));
        } catch (IOException e) {
            throw new AssertionError("the scenario printed no JSON: " + run, e);
        }
    }

    /** The value of a step that must have succeeded. */
    JsonNode value(String step) {
        JsonNode recorded = recorded(step);
        if (!recorded.has("value")) throw new AssertionError("step '" + step + "' failed: " + recorded + "\n" + run);
        return recorded.get("value");
    }

    /** The error of a step that must have failed: {class, status, message, errors}. */
    JsonNode error(String step) {
        JsonNode recorded = recorded(step);
        if (!recorded.has("error")) throw new AssertionError("step '" + step + "' should have failed: " + recorded + "\n" + run);
        return recorded.get("error");
    }

    /** Everything the SDK printed, so a test can check that no secret value appears in any answer. */
    String printed() {
        return run.stdout();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) texts.add(field == null ? item.asText() : item.path(field).asText());
        return texts;
    }

    private JsonNode recorded(String step) {
        JsonNode recorded = steps.path(step);
        if (recorded.isMissingNode()) throw new AssertionError("step '" + step + "' never ran\n" + run);
        return recorded;
    }
}
