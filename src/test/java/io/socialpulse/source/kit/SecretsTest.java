package io.socialpulse.source.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static String scrubbed(String body) {
        return new String(Secrets.scrubBody(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aSessionAnswerWithoutAnAccessTokenKeepsNoRefreshToken() {
        String body = "{\"did\":\"did:plc:abc\",\"handle\":\"a.bsky.social\","
                + "\"refreshJwt\":\"eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InJlZnJlc2gifQ.c2lnbmF0dXJl\"}";
        String clean = scrubbed(body);
        assertFalse(clean.contains("eyJ"), clean);
        assertTrue(clean.contains("\"handle\":\"a.bsky.social\""), "the rest stays readable: " + clean);
    }

    @Test
    void credentialMembersAndTokensInLinksAreMasked() {
        String clean = scrubbed("{\"access_token\":\"ya29.a0AfB_secret\\\"x\",\"token\":\"t0ps3cret\","
                + "\"next\":\"https://x.example/a?key=AIzaSyD-secret&page=2\"}");
        assertEquals("{\"access_token\":\"***\",\"token\":\"***\",\"next\":\"https://x.example/a?key=***&page=2\"}",
                clean);
    }

    @Test
    void bytesThatAreNotTextAreStoredAsReplacedText() {
        byte[] body = {(byte) 0xC3, (byte) 0x28, 'o', 'k'};
        assertEquals("\uFFFD(ok", new String(Secrets.scrubBody(body), StandardCharsets.UTF_8));
    }
}
