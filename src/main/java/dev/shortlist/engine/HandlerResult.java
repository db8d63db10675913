package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.LlmUsage;

/** A job's validated result and what producing it cost. */
public record HandlerResult(ObjectNode result, LlmUsage usage) {
}
