package io.socialpulse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.socialpulse.config.ConfigCheck;
import io.socialpulse.lake.AthenaDdl;

/**
 * Starts the service. When the configuration cannot even be read (a number that is not a number),
 * the framework names the property; users set environment variables, so this adds their names.
 */
@QuarkusMain
public class Main {

    private static final Pattern PROPERTY = Pattern
            .compile("config property ([a-z0-9.\\-]+) with the config value \"([^\"]*)\"");

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("healthcheck")) {
            System.exit(HealthProbe.run());
        }
        if (args.length > 0 && args[0].equals("athena-ddl")) {
            String bucket = System.getenv().getOrDefault("LAKE_BUCKET", "<bucket>");
            String prefix = System.getenv().getOrDefault("LAKE_PREFIX", "social-pulse");
            System.out.print(AthenaDdl.createTable(args.length > 1 ? args[1] : "social_pulse_posts",
                    bucket, prefix));
            System.exit(0);
        }
        Quarkus.run(Service.class, Main::exit, args);
    }

    static void exit(int code, Throwable failure) {
        if (failure != null) {
            Set<String> lines = new LinkedHashSet<>();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                Matcher m = PROPERTY.matcher(String.valueOf(t.getMessage()));
                while (m.find()) {
                    lines.add(ConfigCheck.envName(m.group(1)) + " has a value that cannot be read: \"" + m.group(2)
                            + "\"");
                }
                for (Throwable s : t.getSuppressed()) {
                    Matcher ms = PROPERTY.matcher(String.valueOf(s.getMessage()));
                    while (ms.find()) {
                        lines.add(
                                ConfigCheck.envName(ms.group(1)) + " has a value that cannot be read: \"" + ms.group(2)
                                        + "\"");
                    }
                }
            }
            ConfigurationException invalid = find(failure, ConfigurationException.class);
            if (!lines.isEmpty()) {
                System.err.println("Invalid configuration:\n  " + String.join("\n  ", lines));
            } else if (invalid != null) {
                System.err.println(invalid.getMessage());
            } else {
                Log.error("The service failed to start", failure);
            }
        }
        System.exit(code);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Runs until the process is told to stop. */
    public static class Service implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
