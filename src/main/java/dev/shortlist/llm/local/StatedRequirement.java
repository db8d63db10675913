package dev.shortlist.llm.local;

/**
 * One thing a posting asks of a candidate, named in a few of its own words: a skill, a tool,
 * a certification or licence, a degree, an area of experience. Read from any field's posting,
 * whether or not the skills vocabulary knows it.
 *
 * @param name      the requirement as a person reads it ("ACLS certification", "QuickBooks")
 * @param preferred true when its own clause calls it a plus ("preferred", "nice to have")
 * @param clause    the posting's clause it was read from
 */
public record StatedRequirement(String name, boolean preferred, String clause) {
}
