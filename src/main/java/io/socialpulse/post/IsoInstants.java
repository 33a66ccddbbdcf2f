package io.socialpulse.post;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads instants in the one form posts are written with, {@code 2026-12-08T01:43:45.123Z} (UTC, no
 * fraction or 1 to 9 digits of it), straight from the parser's characters; anything else goes to
 * Jackson's own reader, so what is accepted and what it means are the same as without this. Two
 * instants a post made Jackson's reader a sixth of the CPU of reading a stream.
 */
final class IsoInstants extends StdDeserializer<Instant> {

    private static final int SECONDS_PER_DAY = 86_400;

    IsoInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** The instant {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} names, or null for any other text. */
    private static Instant parse(char[] text, int offset, int length) {
        if (length < 20 || length > 30 || text[offset + length - 1] != 'Z') {
            return null;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || text[offset + 4] != '-' || text[offset + 7] != '-'
                || text[offset + 10] != 'T' || text[offset + 13] != ':' || text[offset + 16] != ':'
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        int fraction = length - 21; // digits between '.' and 'Z'
        if (length > 20) {
            if (fraction < 1 || text[offset + 19] != '.') {
                return null;
            }
            nanos = digits(text, offset + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second, nanos);
    }

    /** The number {@code count} ASCII digits spell, or -1 if any is not one. */
    private static int digits(char[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
