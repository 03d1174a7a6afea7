package io.shoprules.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Reads strings as Jackson does and refuses control characters other than tab, line feed and
 * carriage return. A NUL in an id was answered 200 and then failed every write of it for good
 * (PostgreSQL stores no NUL in text), and the other controls only ever arrive by mistake or as an
 * attack on logs and the shop's own screens.
 */
final class PlainString extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        int at = firstControl(value);
        if (at >= 0) {
            throw JsonMappingException.from(parser, describe(value, at));
        }
        return value;
    }

    /** Index of the first forbidden control character, or -1. */
    static int firstControl(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    static String describe(String value, int at) {
        return String.format("must not contain control characters (U+%04X at position %d)", (int) value.charAt(at), at);
    }
}
