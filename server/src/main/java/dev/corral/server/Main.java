package dev.corral.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;

/**
 * The {@code corral} command line. The commands and flags here are a stable interface: tests, docs and scripts rely
 * on them.
 */
public final class Main {
    private static final String USAGE = """
            Usage: corral <command> [options]

            Commands:
              serve   Run a node.
              dev     Run a node and deploy the example platform from examples/platform.
              help    Show this help.

            Run 'corral <command> --help' for a command's options.
            """;

    private static final String SERVE_USAGE = """
            Usage: corral serve [options]

              --data DIR             Data directory (default ./.corral).
              --http HOST:PORT       Public listener for worker traffic (default 127.0.0.1:8787).
              --admin HOST:PORT      Admin listener: management API, health, metrics (default 127.0.0.1:8788).
              --worker [NAME=]FILE   A standalone worker outside the platform, for quick trials (repeatable).
                                     Files beside FILE are its modules. A request that matches no route goes
                                     to the worker named by its Host's first label, else to the first one.
              --cpu-ms N             CPU limit per invocation in milliseconds (default 30000).
              --memory-mb N          Memory limit per isolate in MiB (default 128).
              --max-body-mb N        Largest request body accepted, in MiB (default 100).
              --max-script-mb N      Largest script upload accepted by the API, in MiB (default 10).
              --allow-private-egress Let workers fetch loopback and private-network addresses (off by default).
              --help                 Show this help.

            Environment:
              CORRAL_API_TOKEN       API token for the management API.
              CORRAL_ACCOUNT_ID      The account id (32 hex digits). With neither variable set, a dev token is
                                     kept in the data directory, and it and a fixed account id are printed.
            """;

    private static final String DEV_USAGE = """
            Usage: corral dev [options]

            Runs a node and deploys the example platform from examples/platform into it through the
            control plane (a dispatcher, an outbound worker, user workers and a */* route), with private
            egress allowed so the examples can reach local upstreams. Takes the same options as 'corral serve'.
            """;

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
            out.print(USAGE);
            return;
        }
        String command = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "serve" -> {
                    if (rest.length > 0 && isHelp(rest[0])) out.print(SERVE_USAGE);
                    else serve(parse(rest, false));
                }
                case "dev" -> {
                    if (rest.length > 0 && isHelp(rest[0])) out.print(DEV_USAGE);
                    else serve(parse(rest, true));
                }
                default -> fail("unknown command '" + command + "'\n\n" + USAGE);
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static void fail(String message) {
        System.err.println("corral: " + message);
        System.exit(2);
    }

    private static NodeConfig parse(String[] args, boolean dev) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Path> workers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (isHelp(arg)) throw new IllegalArgumentException("--help must come first");
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            String name = arg.substring(2);
            if (name.equals("allow-private-egress")) {
                options.put(name, "true");
                continue;
            }
            if (!Map.of("data", 1, "http", 1, "admin", 1, "worker", 1, "cpu-ms", 1, "memory-mb", 1, "max-body-mb", 1, "max-script-mb", 1).containsKey(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "' (see 'corral serve --help')");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(arg + " needs a value");
            if (name.equals("worker")) addWorker(workers, args[++i]);
            else options.put(name, args[++i]);
        }
        Path data = Path.of(options.getOrDefault("data", "./.corral"));
        String token = System.getenv("CORRAL_API_TOKEN");
        String account = System.getenv("CORRAL_ACCOUNT_ID");
        if (account != null && !account.matches("[0-9a-f]{32}")) throw new IllegalArgumentException("CORRAL_ACCOUNT_ID must be 32 lower-case hex digits");
        return new NodeConfig(data, HostPort.parse(options.getOrDefault("http", "127.0.0.1:8787")),
                HostPort.parse(options.getOrDefault("admin", "127.0.0.1:8788")), workers,
                dev || options.containsKey("allow-private-egress"),
                positive(options.getOrDefault("cpu-ms", "30000"), "--cpu-ms"),
                (int) positive(options.getOrDefault("memory-mb", "128"), "--memory-mb"),
                positive(options.getOrDefault("max-body-mb", "100"), "--max-body-mb") << 20,
                positive(options.getOrDefault("max-script-mb", "10"), "--max-script-mb") << 20,
                dev ? examplesDir().resolve("platform") : null, token, account);
    }

    private static void addWorker(Map<String, Path> workers, String spec) {
        int equals = spec.indexOf('=');
        Path file = Path.of(equals < 0 ? spec : spec.substring(equals + 1));
        String name = equals < 0 ? file.getFileName().toString().replaceFirst("\\.[^.]*$", "") : spec.substring(0, equals);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("worker name '" + name + "' must be lower-case letters, digits and dashes");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such worker file: " + file);
        if (workers.putIfAbsent(name, file) != null) throw new IllegalArgumentException("two workers named '" + name + "'");
    }

    private static long positive(String value, String flag) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) return parsed;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a positive whole number, got '" + value + "'");
    }

    /** bin/corral sets CORRAL_HOME to the checkout; without it, the working directory is assumed to be one. */
    private static Path examplesDir() {
        String home = System.getenv("CORRAL_HOME");
        return Path.of(home != null ? home : ".").resolve("examples");
    }

    private static void serve(NodeConfig config) {
        JsonLog log = new JsonLog(System.out);
        log.install(Level.INFO);
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create data directory " + config.dataDir() + ": " + e.getMessage());
        }
        NodeConfig resolved = withCredentials(config, log);
        Node node = new Node(resolved, log);
        try {
            node.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            node.shutdown(Duration.ZERO);
            throw new IllegalArgumentException("could not start: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.event(Map.of("level", "info", "message", "shutting down"));
            node.shutdown(Duration.ofSeconds(30));
        }, "corral-shutdown"));
        log.event(Map.of("level", "info", "message", "corral ready", "http", "http://" + hostPort(node.httpAddress()),
                "admin", "http://" + hostPort(node.adminAddress()), "account_id", resolved.accountId()));
    }

    private static String hostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** With no credentials configured, a dev token kept in the data directory, so it survives restarts. */
    private static NodeConfig withCredentials(NodeConfig config, JsonLog log) {
        if (config.apiToken() != null || config.accountId() != null) {
            if (config.apiToken() == null || config.accountId() == null) {
                throw new IllegalArgumentException("set both CORRAL_API_TOKEN and CORRAL_ACCOUNT_ID, or neither");
            }
            return config;
        }
        Path tokenFile = config.dataDir().resolve("dev-token");
        try {
            String token;
            if (Files.exists(tokenFile)) {
                token = Files.readString(tokenFile).trim();
            } else {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                token = "corral-dev-" + HexFormat.of().formatHex(random);
                Files.writeString(tokenFile, token + "\n");
            }
            log.event(Map.of("level", "info", "message", "no CORRAL_API_TOKEN set: using a dev token",
                    "api_token", token, "account_id", NodeConfig.DEV_ACCOUNT_ID));
            return config.withCredentials(token, NodeConfig.DEV_ACCOUNT_ID);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot keep the dev token in " + tokenFile + ": " + e.getMessage());
        }
    }
}
