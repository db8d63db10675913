package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Skills that show other skills: a Spring Boot developer knows Spring and Java, a Hive
 * user works on Hadoop, PL/SQL is SQL. A resume that names only the specific skill is not
 * missing the general one. Loaded from {@code local-engine/implies.tsv}; names that are
 * not skills of the vocabulary are listed by {@link #unknown()}.
 */
final class Implications {

    static final String RESOURCE = "local-engine/implies.tsv";

    private final Map<Term, List<Term>> implied = new HashMap<>();
    private final List<String> unknown = new ArrayList<>();

    Implications(Vocabulary skills) {
        for (String[] columns : TsvResource.rows(RESOURCE)) {
            Term skill = resolve(skills, columns[0]);
            for (String name : columns[1].split("\\|")) {
                Term other = resolve(skills, name);
                if (skill != null && other != null && !other.equals(skill)) {
                    implied.computeIfAbsent(skill, s -> new ArrayList<>()).add(other);
                }
            }
        }
    }

    private Term resolve(Vocabulary skills, String name) {
        Term term = skills.lookup(name.strip()).orElse(null);
        if (term == null) {
            unknown.add(name.strip());
        }
        return term;
    }

    /** The skills this one shows directly (one step; callers follow chains). */
    List<Term> of(Term skill) {
        return implied.getOrDefault(skill, List.of());
    }

    List<String> unknown() {
        return unknown;
    }
}
