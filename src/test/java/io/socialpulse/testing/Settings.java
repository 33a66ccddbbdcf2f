package io.socialpulse.testing;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.socialpulse.config.SourcesConfig;

/**
 * The service's settings as it reads them, from the environment variables a test names
 * ({@code "SOURCES_X_BASE_URL", url}): every other setting keeps its real default, so a test never
 * restates, and never drifts from, what it does not care about.
 */
public final class Settings {

    private Settings() {
    }

    /** {@code SOURCES_*} from {@code variables}, given as name, value, name, value... (a null value: unset). */
    public static SourcesConfig sources(String... variables) {
        return mapping(SourcesConfig.class, variables);
    }

    /**
     * Every {@code SOURCES_*} variable that holds a credential (its name ends in TOKEN, SECRET,
     * PASSWORD or KEY), read from the settings' platform groups.
     */
    public static Set<String> credentialVariables() {
        Set<String> names = new TreeSet<>();
        for (Method accessor : SourcesConfig.class.getDeclaredMethods()) {
            Class<?> group = accessor.getReturnType();
            if (!group.isInterface() || !group.getPackage().equals(SourcesConfig.class.getPackage())) {
                continue;
            }
            for (Method method : group.getDeclaredMethods()) {
                String words = method.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
                if (words.matches(".*(TOKEN|SECRET|PASSWORD|KEY)$")) {
                    names.add("SOURCES_" + accessor.getName().toUpperCase(Locale.ROOT) + "_" + words);
                }
            }
        }
        return names;
    }

    /** One settings mapping ({@code @ConfigMapping} interface) from {@code variables} as name, value... */
    public static <T> T mapping(Class<T> type, String... variables) {
        if (variables.length % 2 != 0) {
            throw new IllegalArgumentException("variables come as name, value pairs");
        }
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            if (variables[i + 1] != null) { // a null value leaves the variable unset
                environment.put(variables[i], variables[i + 1]);
            }
        }
        return new SmallRyeConfigBuilder().withMapping(type)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(Path.class, 100, new PathConverter())
                .withSources(new EnvConfigSource(environment, 300)).build().getConfigMapping(type);
    }
}
