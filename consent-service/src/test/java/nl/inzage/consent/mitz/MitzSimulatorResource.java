package nl.inzage.consent.mitz;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import nl.inzage.mitz.simulator.MitzSimulator;

/**
 * Starts the Mitz simulator in the test JVM, and fixes the service's test port so the simulator's
 * notifications reach this service's rest-hook.
 */
public class MitzSimulatorResource implements QuarkusTestResourceLifecycleManager {

    static MitzSimulator mitz;

    @Override
    public Map<String, String> start() {
        try {
            mitz = new MitzSimulator(0);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            return Map.of(
                    "quarkus.http.test-port", Integer.toString(port),
                    "inzage.mitz.base-url", mitz.baseUrl(),
                    "inzage.mitz.notification-endpoint", "http://127.0.0.1:" + port + "/mitz/notifications");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (mitz != null) {
            mitz.close();
        }
    }
}
