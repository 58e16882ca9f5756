package dev.corral.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The Web API layer: the {@code NN_name.js} files under {@code corral-js/}, in name order. */
final class JsLayer {
    static final String FOLDER = "corral-js/";

    record Source(String name, String code) {}

    private JsLayer() {}

    static List<Source> load() {
        URL anchor = JsLayer.class.getClassLoader().getResource(FOLDER + "00_internal.js");
        if (anchor == null) throw new IllegalStateException("the JS layer is missing from the classpath");
        TreeMap<String, String> files = new TreeMap<>();
        try {
            if (anchor.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) anchor.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream()
                            .filter(e -> e.getName().startsWith(FOLDER) && e.getName().endsWith(".js"))
                            .forEach(e -> {
                                try (InputStream in = jar.getInputStream(e)) {
                                    files.put(e.getName().substring(FOLDER.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                                } catch (IOException ex) {
                                    throw new UncheckedIOException(ex);
                                }
                            });
                }
            } else {
                Path folder = Path.of(anchor.toURI()).getParent();
                try (Stream<Path> paths = Files.list(folder)) {
                    for (Path p : paths.filter(p -> p.toString().endsWith(".js")).toList()) {
                        files.put(p.getFileName().toString(), Files.readString(p));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Source> sources = new ArrayList<>();
        files.forEach((name, code) -> sources.add(new Source(name, code)));
        return sources;
    }
}
