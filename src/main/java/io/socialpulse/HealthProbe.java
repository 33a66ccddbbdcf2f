package io.socialpulse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code application healthcheck}: asks the running service for its liveness and exits 0 or 1.
 * The container health check of ECS needs a command, and the micro base image has no curl. The
 * JVM image runs this class on its own ({@code main}), without starting the framework.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        System.exit(run());
    }

    static int run() {
        String port = System.getenv().getOrDefault("PORT", "8080");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                    .timeout(Duration.ofSeconds(3)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? 0 : 1;
        } catch (Exception e) {
            return 1;
        } finally {
            System.out.flush();
        }
    }
}
