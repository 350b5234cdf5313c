package io.djflink.job;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink's web dashboard for a local run: the embedded MiniCluster's REST endpoint (which serves
 * the dashboard because flink-runtime-web is on the classpath) on a fixed port of the loopback
 * interface, for as long as the job runs.
 *
 * <p>Without it a local run binds the REST endpoint to a random free port (Flink's per-job
 * MiniCluster does so when no port is configured), so parallel runs and tests never clash.
 */
public final class WebUi {

    /** The port of Flink's own dashboard. */
    public static final int DEFAULT_PORT = 8081;

    private WebUi() {}

    /** The settings that put the embedded cluster's REST endpoint on {@code port} of localhost. */
    public static Map<String, String> settings(int port) {
        checkPort(port);
        Map<String, String> out = new LinkedHashMap<>();
        out.put(RestOptions.BIND_ADDRESS.key(), "localhost");
        out.put(RestOptions.BIND_PORT.key(), String.valueOf(port));
        out.put(RestOptions.ADDRESS.key(), "localhost");
        out.put(RestOptions.PORT.key(), String.valueOf(port));
        return out;
    }

    /** The dashboard's address on this machine. */
    public static String url(int port) {
        return "http://localhost:" + port;
    }

    /**
     * Fails with a message naming the option when the port is taken; Flink's own error would
     * come later, from deep inside the cluster start.
     */
    public static void requireFree(int port) {
        checkPort(port);
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("--web-ui: port " + port + " is in use (" + e.getMessage()
                    + "); choose another with --web-ui=PORT");
        }
    }

    /**
     * The line a run prints when its configuration fixes the REST port: the address, or why
     * there is none here (submitted to an existing cluster, e.g. with {@code flink run} or in
     * tests, where that cluster's own UI applies).
     */
    public static Optional<String> describe(StreamExecutionEnvironment env, Configuration conf) {
        Optional<String> port = conf.getOptional(RestOptions.BIND_PORT).filter(p -> p.matches("\\d+"));
        if (port.isEmpty() || port.get().equals("0")) {
            return Optional.empty();
        }
        if (env instanceof LocalStreamEnvironment) {
            return Optional.of("web UI: " + url(Integer.parseInt(port.get())));
        }
        return Optional.of("web UI: not started, the job runs on an existing cluster (use that cluster's web UI)");
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--web-ui: port must be 1-65535, not " + port);
        }
    }
}
