package dev.shortlist.jobs;

import dev.shortlist.platform.problem.InvalidInputException.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The categories a candidate chose to self-identify, for a batch's adverse-impact report:
 * sex and race/ethnicity as the EEO-1 report names them, or {@code declined}. Stored apart
 * from the resume; never part of a job's input, so no engine or model ever sees them.
 */
@RegisterForReflection
public record SelfIdentified(String sex, String raceEthnicity) {

    public static final String DECLINED = "declined";
    public static final List<String> SEXES = List.of("female", "male", DECLINED);
    public static final List<String> RACES_ETHNICITIES = List.of("hispanic-or-latino", "white", "black-or-african-american",
            "native-hawaiian-or-other-pacific-islander", "asian", "american-indian-or-alaska-native", "two-or-more-races", DECLINED);

    /** What is wrong with the categories given for one resume, each named under {@code field}. */
    public void check(String field, List<Violation> violations) {
        check(sex, field + ".sex", SEXES, violations);
        check(raceEthnicity, field + ".raceEthnicity", RACES_ETHNICITIES, violations);
    }

    private static void check(String value, String field, List<String> allowed, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(field, "is required with selfIdentified; use declined when the candidate declined"));
        } else if (!allowed.contains(value)) {
            violations.add(new Violation(field, "must be one of " + allowed));
        }
    }
}
