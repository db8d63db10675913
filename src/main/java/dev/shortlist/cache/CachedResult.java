package dev.shortlist.cache;

import com.fasterxml.jackson.databind.JsonNode;

/** A stored result and the engine and model that produced it. */
public record CachedResult(JsonNode result, String engine, String model) {
}
