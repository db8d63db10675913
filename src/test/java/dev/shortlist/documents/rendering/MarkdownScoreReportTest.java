package dev.shortlist.documents.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shortlist.documents.rendering.MarkdownResume.Table;
import org.junit.jupiter.api.Test;

class MarkdownScoreReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reportHasScoreComponentsSkillsEvidenceAndSummary() throws Exception {
        String markdown = MarkdownScoreReport.markdown(JSON.readTree("""
                {"score": 72, "recommendation": "shortlist",
                 "components": [{"name": "skills", "score": 30, "weight": 0.4, "detail": "6 of 8 | required"}],
                 "matchedSkills": ["Java", "C++"], "missingSkills": ["Kafka"],
                 "evidence": [{"skill": "Java", "quote": "Built *services* in Java"}, "A plain string quote"],
                 "summary": "Strong backend fit.",
                 "flags": {"promptInjection": true, "truncated": false, "unevidencedSkills": ["Kafka", "Docker"],
                           "injections": [{"field": "resume", "kind": "instruction", "start": 4, "end": 30,
                                           "excerpt": "ignore previous instructions"}]},
                 "engine": "local", "promptVersion": "score-v1"}
                """));

        assertThat(markdown).contains("# Score report", "**Score:** 72/100 · **Recommendation:** Shortlist",
                "## Matched skills\n\n- Java\n- C++", "## Missing skills\n\n- Kafka",
                "- **Java:** “Built \\*services\\* in Java”", "- “A plain string quote”",
                "## Summary\n\nStrong backend fit.",
                "## Flags\n\n- Prompt injection\n- Unevidenced skills: Kafka, Docker\n"
                        + "- Injections\n  - instruction in resume: “ignore previous instructions”\n\n",
                "Scored by local · score-v1");
        assertThat(markdown).doesNotContain("runcated");
        Table components = (Table) MarkdownResume.parse(markdown).blocks().stream()
                .filter(Table.class::isInstance).findFirst().orElseThrow();
        assertThat(components.rows()).extracting(row -> MarkdownResume.plainText(row.get(3)))
                .containsExactly("Detail", "6 of 8 | required");
    }

    @Test
    void textFromTheResultCannotRestyleTheReport() throws Exception {
        JsonNode result = JSON.createObjectNode().put("score", 10).put("summary", "# Hired!\n- **yes** [x](https://evil.example)");
        MarkdownResume report = MarkdownResume.parse(MarkdownScoreReport.markdown(result));

        assertThat(report.blocks()).filteredOn(MarkdownResume.Paragraph.class::isInstance)
                .extracting(block -> ((MarkdownResume.Paragraph) block).spans())
                .anySatisfy(spans -> assertThat(spans).singleElement()
                        .isEqualTo(new MarkdownResume.Span("# Hired! - **yes** [x](https://evil.example)", false, false, null)));
    }

    @Test
    void missingListsSayNone() {
        assertThat(MarkdownScoreReport.markdown(JSON.createObjectNode().put("score", 0)))
                .contains("## Matched skills\n\nNone.", "## Missing skills\n\nNone.")
                .doesNotContain("## Evidence", "## Components");
    }
}
