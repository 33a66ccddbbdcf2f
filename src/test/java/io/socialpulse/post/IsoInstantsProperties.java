package io.socialpulse.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text stands where a post's time goes, the post codec reads the same instant as Jackson's
 * own reader would, or refuses it as Jackson's reader does: the fast path changes speed, never meaning.
 */
class IsoInstantsProperties {

    /** Jackson's reader alone, as posts were read before. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Stamped(Instant at) {
    }

    @Property(tries = 2000)
    void writtenInstantsReadAsJacksonReadsThem(@ForAll("written") String text) {
        assertSameAsJackson(text);
    }

    @Property(tries = 2000)
    void alteredInstantsReadOrFailAsJacksonDoes(@ForAll("altered") String text) {
        assertSameAsJackson(text);
    }

    @Property(tries = 500)
    void anyTextReadsOrFailsAsJacksonDoes(@ForAll String text) {
        assertSameAsJackson(text);
    }

    @Example
    void edgesOfTheCalendarReadAsJacksonReadsThem() {
        for (String text : new String[]{"2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
                "2000-02-29T12:00:00.5Z", "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "2026-04-31T00:00:00Z", "2026-12-08T24:00:00Z", "2026-12-08T23:59:60Z",
                "2026-12-08T01:43:45.Z", "2026-12-08T01:43:45.1234567891Z", "2026-12-08t01:43:45Z",
                "2026-12-08T01:43:45z", "2026-12-08T01:43:45+00:00", "+2026-12-08T01:43:45Z", "1733622225000",
                "2026-1２-08T01:43:45Z", " 2026-12-08T01:43:45Z", "2026-12-08T01:43:45.000Z"}) {
            assertSameAsJackson(text);
        }
    }

    @Provide
    Arbitrary<String> written() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return Combinators.combine(instants, Arbitraries.integers().between(-1, 9)).as((instant, digits) -> {
            if (digits < 0) {
                return DateTimeFormatter.ISO_INSTANT.format(instant); // as Jackson writes them
            }
            return new DateTimeFormatterBuilder().appendInstant(digits).toFormatter().format(instant);
        });
    }

    @Provide
    Arbitrary<String> altered() {
        Arbitrary<Character> replacement = Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', '.',
                '+', ' ', 'z', '６');
        return Combinators.combine(written(), Arbitraries.integers().between(0, 40), replacement,
                Arbitraries.integers().between(0, 2)).as((text, at, c, how) -> {
                    int i = Math.min(at, text.length() - 1);
                    return switch (how) {
                        case 0 -> text.substring(0, i) + c + text.substring(i + 1);
                        case 1 -> text.substring(0, i) + c + text.substring(i);
                        default -> text.substring(0, i) + text.substring(i + 1);
                    };
                });
    }

    private static void assertSameAsJackson(String text) {
        String json = "{\"at\":" + JsonNodeFactory.instance.textNode(text) + "}";
        assertEquals(read(JACKSON, json), read(PostCodec.mapper(), json), text);
    }

    /** The instant read, or the kind of failure. */
    private static Object read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Stamped.class).at();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }
}
