package dev.shortlist.documents;

import dev.shortlist.support.Fixtures;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Resumes in Markdown, as the tailor and generate engines write them. */
public final class ResumeSamples {

    public static final String JANE_DOE = """
            # Jane Doe
            Senior Backend Engineer
            jane.doe@example.com | +1 555 0100 | [GitHub](https://github.com/janedoe)

            ## Summary

            Backend engineer with **eight years** of *Java* and Kotlin, building services
            that handle millions of requests a day.

            ## Experience

            ### Staff Engineer, Acme Corp (2021–present)

            - Led the move of billing to **Spring Boot** microservices on Kubernetes
            - Cut p99 latency of the payments API by 40% with PostgreSQL index tuning
              - Introduced query plans reviews for every release
            * Mentored six engineers

            ---

            ## Skills

            Java, Kotlin, Spring Boot, PostgreSQL, Kafka, Kubernetes
            """;

    /** Characters outside WinAnsi, which the standard PDF fonts cannot encode. */
    public static final String BEYOND_WINANSI = """
            # Zoë Łukasiewicz-Dvořák 🚀
            zoe@example.com ∙ ☎ +48 600 000 000

            ## Experience ✅

            - Built “smart” pipelines → 10× faster ≥ before — ligature ﬁle, Ω, 東京, zero\u200Bwidth
            - Ünïcödé ѕрооf аnd ❤ emoji 👩‍💻
            """;

    private ResumeSamples() {
    }

    /** The longest fixture resume of every field, one bullet per line: long enough to need several pages. */
    public static String longResume() {
        return asBullets(Fixtures.fields().stream()
                .map(field -> Fixtures.longest(field).text())
                .collect(Collectors.joining("\n")));
    }

    /** A resume in Markdown with one bullet for each non-blank line of {@code text}. */
    public static String asBullets(String text) {
        return "# Long Resume\n\n## Experience\n\n" + Arrays.stream(text.split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> "- " + line)
                .collect(Collectors.joining("\n"));
    }
}
