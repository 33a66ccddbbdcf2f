package io.socialpulse.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JSON instead of CBOR on the Kinesis wire for one test class, so that WireMock can answer in the
 * protocol and its journal is readable. {@code aws.cborEnabled} is JVM-wide: the class's clients
 * are built while it is set, and the value before is put back after, so later classes speak CBOR
 * as the service does whatever order they run in.
 */
public final class JsonWire implements BeforeAllCallback, AfterAllCallback {

    private static final String PROPERTY = "aws.cborEnabled";
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(JsonWire.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        String before = System.setProperty(PROPERTY, "false");
        context.getStore(STORE).put(PROPERTY, before == null ? "" : before);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String before = context.getStore(STORE).get(PROPERTY, String.class);
        if (before == null || before.isEmpty()) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }
}
