package io.hazardwatch.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * {@link Instant} JSON through {@link IsoInstants}: the same text JavaTimeModule writes and reads, without its
 * DateTimeFormatter on the hot path. Whatever the fast path does not handle (numbers, offsets, bad text and its
 * error, timestamps switched on, a {@code @JsonFormat} on the property) goes to JavaTimeModule's own
 * {@link InstantSerializer#INSTANCE} / {@link InstantDeserializer#INSTANT}; with default JavaTimeFeatures those are
 * the very instances JavaTimeModule registers. Register after JavaTimeModule so that these win.
 */
final class IsoInstantModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    IsoInstantModule() {
        super("hazardwatch-iso-instants");
        addSerializer(Instant.class, new Serializer());
        addDeserializer(Instant.class, new Deserializer());
    }

    /** A property whose format is configured (pattern, shape, leniency...) is left wholly to JavaTimeModule. */
    private static boolean isPlain(JsonFormat.Value format) {
        return format == null || format.equals(JsonFormat.Value.empty());
    }

    static final class Serializer extends StdSerializer<Instant> implements ContextualSerializer {

        private static final long serialVersionUID = 1L;
        private static final InstantSerializer JAVA_TIME = InstantSerializer.INSTANCE;

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                JAVA_TIME.serialize(value, generator, provider); // epoch numbers, as JavaTimeModule writes them
            } else {
                generator.writeString(IsoInstants.format(value));
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            return isPlain(findFormatOverrides(provider, property, Instant.class))
                    ? this
                    : JAVA_TIME.createContextual(provider, property);
        }

        @Override
        public void serializeWithType(Instant value, JsonGenerator generator, SerializerProvider provider,
                TypeSerializer typeSerializer) throws IOException {
            JAVA_TIME.serializeWithType(value, generator, provider, typeSerializer);
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType typeHint)
                throws JsonMappingException {
            JAVA_TIME.acceptJsonFormatVisitor(visitor, typeHint);
        }
    }

    static final class Deserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

        private static final long serialVersionUID = 1L;
        private static final InstantDeserializer<Instant> JAVA_TIME = InstantDeserializer.INSTANT;

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = IsoInstants.parseUtc(
                        parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                if (instant != null) {
                    return instant;
                }
            }
            // any other text or token: accepted, converted or rejected (with its message) as JavaTimeModule does
            return JAVA_TIME.deserialize(parser, context);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            return isPlain(findFormatOverrides(context, property, Instant.class))
                    ? this
                    : JAVA_TIME.createContextual(context, property);
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                TypeDeserializer typeDeserializer) throws IOException {
            return JAVA_TIME.deserializeWithType(parser, context, typeDeserializer);
        }

        @Override
        public LogicalType logicalType() {
            return JAVA_TIME.logicalType();
        }
    }
}
