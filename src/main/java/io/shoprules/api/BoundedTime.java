package io.shoprules.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import io.shoprules.engine.TimeRange;

import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * Reads a time as Jackson's own deserializer does, then refuses it outside {@link TimeRange}, so
 * every time of every request and fact ({@code now}, {@code addedAt}, {@code expiresOn} ...) is
 * bounded in one place, and a time field added later is bounded too.
 */
final class BoundedTime extends DelegatingDeserializer {

    BoundedTime(JsonDeserializer<?> delegate) {
        super(delegate);
    }

    /** Wraps the deserializer of every {@link Temporal} type. */
    static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new BoundedTime(deserializer) : deserializer;
        }
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new BoundedTime(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        Object value = super.deserialize(parser, context);
        if (value instanceof Temporal time && !TimeRange.contains(time)) {
            throw JsonMappingException.from(parser, TimeRange.OUT_OF_RANGE);
        }
        return value;
    }
}
