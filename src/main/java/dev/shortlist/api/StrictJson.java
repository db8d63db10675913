package dev.shortlist.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.shortlist.security.InputLimitsConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read strictly and cheaply. Parsing is bounded: nesting depth, digits
 * in a number, characters in a string (a few times the text cap, so an over-long text is
 * refused by validation naming its field; only absurd ones stop the parser). And a value
 * of the wrong JSON type is refused, not coerced: {@code "text": 123} or
 * {@code "priority": 2} is a mistake to name, not a string or an enum by position.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private static final int STRING_ALLOWANCE = 4;
    private static final int MIN_STRING_LENGTH = 1_000_000;

    private final InputLimitsConfig config;

    StrictJson(InputLimitsConfig config) {
        this.config = config;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.maxJsonDepth())
                .maxNumberLength(config.maxJsonNumberLength())
                .maxStringLength(Math.max(config.maxTextLength() * STRING_ALLOWANCE, MIN_STRING_LENGTH))
                .build());
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }
}
