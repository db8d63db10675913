package dev.shortlist.llm.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a job description asks for. Skills map to their weight: how much the posting
 * stresses each (1 + ln of its mentions).
 *
 * @param title     the job's title, when the posting names one the engine knows
 * @param required  skills the job needs
 * @param preferred skills that are a plus ("nice to have", "preferred", "bonus")
 * @param years     the years of experience asked, when stated
 * @param titleText the job's title as the posting writes it (its first line, or a "Title:" field)
 * @param items     every requirement and duty line, for any field
 * @param stated    every requirement the posting states, each named in a few words, in the posting's order
 * @param yearsClause the posting's clause that asks the years, empty when none does
 * @param statedSkills the known skills named in those requirements: what the report lists as matched or missing
 */
public record JobRequirements(Optional<Term> title, Map<Term, Double> required, Map<Term, Double> preferred,
        OptionalDouble years, String titleText, List<Requirement> items, List<StatedRequirement> stated, String yearsClause,
        java.util.Set<String> statedSkills) {
}
