package dev.shortlist.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Bounds on what a JSON body may hold, checked while it is read, so a hostile body fails
 * fast with a 400 instead of costing stack or memory: nesting depth (real requests nest
 * four levels), number length (no field needs more than a long) and string length (the
 * longest legitimate string is a resume, capped far lower by the jobs limits).
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 40;
    static final int MAX_STRING_LENGTH = 5_000_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
    }
}
