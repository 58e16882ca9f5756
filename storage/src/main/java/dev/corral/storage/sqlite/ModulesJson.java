package dev.corral.storage.sqlite;

import dev.corral.storage.ModuleRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A version's modules in {@code versions.modules_json}: a JSON array of {@code {"name", "contentType", "sha256"}}
 * objects. SQLite's JSON functions build and read it, so the escaping is SQLite's and Corral needs no JSON library here.
 */
final class ModulesJson {
    private ModulesJson() {}

    /** Reads the modules of the version whose id is the one argument, in upload order, one row per module. */
    static final String MODULES_OF_VERSION = """
            SELECT module.value ->> 'name', module.value ->> 'contentType', module.value ->> 'sha256'
            FROM versions, json_each(versions.modules_json) AS module
            WHERE versions.id = ?
            ORDER BY module.key""";

    /** An SQL expression that builds the array from {@link #arguments} of {@code moduleCount} modules. */
    static String arrayExpression(int moduleCount) {
        return "json_array(" + String.join(", ",
                Collections.nCopies(moduleCount, "json_object('name', ?, 'contentType', ?, 'sha256', ?)")) + ")";
    }

    static List<Object> arguments(List<ModuleRef> modules) {
        List<Object> arguments = new ArrayList<>(modules.size() * 3);
        for (ModuleRef module : modules) {
            arguments.add(module.name());
            arguments.add(module.contentType());
            arguments.add(module.sha256());
        }
        return arguments;
    }

    static ModuleRef read(ResultSet row) throws SQLException {
        return new ModuleRef(row.getString(1), row.getString(2), row.getString(3));
    }
}
