package io.socialpulse.lake;

import java.time.Instant;
import java.util.Base64;

/** What a dead-letter object holds: the raw bytes (base64), why they were set aside, and when. */
public record DeadLetter(String kind, String name, String reason, Instant storedAt, int bytes, String dataBase64) {

    static DeadLetter of(String kind, String name, String reason, byte[] data) {
        return new DeadLetter(kind, name, reason, Instant.now(), data.length, Base64.getEncoder().encodeToString(data));
    }

    public byte[] data() {
        return Base64.getDecoder().decode(dataBase64);
    }
}
