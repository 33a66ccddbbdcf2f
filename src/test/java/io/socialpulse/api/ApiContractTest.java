package io.socialpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.socialpulse.post.Platforms;
import io.socialpulse.post.PostCodec;
import io.socialpulse.source.SourceStatus;

/**
 * The published API description ({@code /openapi.yaml}, checked in because the OpenAPI extension's
 * build step does not resolve here) against the code: the same routes, the same parameters, the
 * same platforms and source states, and the same source-status fields.
 */
class ApiContractTest {

    private static JsonNode openapi() throws Exception {
        try (InputStream in = ApiContractTest.class.getResourceAsStream("/META-INF/resources/openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static final List<Class<?>> RESOURCES = List.of(TrendResource.class, SourcesResource.class);

    @Test
    void everyRouteIsDescribedAndNothingElse() throws Exception {
        Set<String> routes = new TreeSet<>(Set.of(TrendStream.PATH, "/q/health/live", "/q/health/ready"));
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                if (method.isAnnotationPresent(GET.class)) {
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(base + (sub == null ? "" : "/" + sub.value().replaceFirst("^/", "")));
                }
            }
        }
        Set<String> described = new TreeSet<>();
        openapi().path("paths").fieldNames().forEachRemaining(described::add);
        assertEquals(routes, described);
    }

    @Test
    void theQueryParametersAreTheOnesTheCodeReads() throws Exception {
        List<String> read = new ArrayList<>();
        for (Method method : TrendResource.class.getDeclaredMethods()) {
            for (Parameter parameter : method.getParameters()) {
                if (parameter.isAnnotationPresent(QueryParam.class)) {
                    read.add(parameter.getAnnotation(QueryParam.class).value());
                }
            }
        }
        List<String> described = new ArrayList<>();
        JsonNode parameters = openapi().path("components").path("parameters");
        for (JsonNode ref : openapi().path("paths").path("/trends").path("get").path("parameters")) {
            String name = ref.path("$ref").asText().replace("#/components/parameters/", "");
            described.add(parameters.path(name).path("name").asText());
        }
        assertEquals(new TreeSet<>(read), new TreeSet<>(described));
    }

    @Test
    void platformsAndStatesMatchTheCode() throws Exception {
        JsonNode api = openapi();
        List<String> platforms = new ArrayList<>();
        api.path("components").path("parameters").path("platform").path("schema").path("enum")
                .forEach(p -> platforms.add(p.asText()));
        List<String> expected = new ArrayList<>(List.of("all"));
        expected.addAll(Platforms.ALL);
        assertEquals(expected, platforms);
        List<String> states = new ArrayList<>();
        api.path("components").path("schemas").path("SourceStatus").path("properties").path("state").path("enum")
                .forEach(s -> states.add(s.asText()));
        assertEquals(Arrays.stream(SourceStatus.State.values()).map(Enum::name).toList(), states);
    }

    @Test
    void theSourceStatusFieldsAreTheOnesTheServiceWrites() throws Exception {
        SourceStatus status = new SourceStatus("x-acme-1", "x");
        JsonNode written = PostCodec.mapper().valueToTree(status);
        Set<String> documented = new TreeSet<>();
        openapi().path("components").path("schemas").path("SourceStatus").path("properties").fieldNames()
                .forEachRemaining(documented::add);
        written.fieldNames().forEachRemaining(field -> assertTrue(documented.contains(field),
                field + " is written by /sources but not described"));
    }
}
