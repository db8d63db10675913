package dev.shortlist.llm.local;

/** A canonical entry of a vocabulary (a skill, a job title) and the field or family it belongs to. */
public record Term(String name, String category) {
}
