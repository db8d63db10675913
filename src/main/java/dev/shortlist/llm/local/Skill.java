package dev.shortlist.llm.local;

/** A canonical skill of the vocabulary and the field it belongs to. */
public record Skill(String name, String category) {
}
