package dev.shortlist.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shortlist.documents.postings.Posting;
import dev.shortlist.documents.postings.PostingService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored posting as callers see it; the text only when one posting is read. */
@Schema(name = "Posting")
public record PostingView(
        UUID id,
        String title,
        String externalId,
        @Schema(description = "The uploaded document the text came from, if it did") UUID documentId,
        int characters,
        Instant createdAt,
        @Schema(description = "What the engine read in the posting, once, when it was stored") Requirements requirements,
        @Schema(description = "The posting's text (GET /api/v1/postings/{id} only)") String text) {

    /** The posting's reading: what a score against it looks for. */
    @Schema(name = "PostingRequirements")
    public record Requirements(
            @Schema(description = "The job title the engine recognised, if any") String title,
            @Schema(description = "Years of experience asked, if stated") Double yearsOfExperience,
            @Schema(description = "Skills the posting requires, most stressed first") List<String> requiredSkills,
            @Schema(description = "Skills it calls a plus") List<String> preferredSkills,
            @Schema(description = "Each requirement and duty line, as the posting words it") List<Line> lines) {
    }

    /** One requirement or duty line. */
    @Schema(name = "PostingRequirementLine")
    public record Line(@Schema(description = "required, preferred or duty") String kind, String text) {
    }

    static PostingView withText(Posting posting) {
        return of(posting, posting.text());
    }

    static PostingView withoutText(Posting posting) {
        return of(posting, null);
    }

    private static PostingView of(Posting posting, String text) {
        return new PostingView(posting.id(), posting.title(), posting.externalId(), posting.documentId(),
                posting.text().length(), posting.createdAt(), requirements(posting.reading()), text);
    }

    private static Requirements requirements(JsonNode reading) {
        List<Line> lines = new ArrayList<>();
        reading.path("items").forEach(item -> lines.add(new Line(item.path("kind").asText(), item.path("text").asText())));
        return new Requirements(reading.path("title").path("name").textValue(),
                reading.path("years").isNumber() ? reading.get("years").asDouble() : null,
                names(reading.path("required")), names(reading.path("preferred")), lines);
    }

    /** Skills by weight, heaviest first; equal weights keep the posting's order. */
    private static List<String> names(JsonNode skills) {
        List<JsonNode> sorted = new ArrayList<>();
        skills.forEach(sorted::add);
        sorted.sort((a, b) -> Double.compare(b.path("weight").asDouble(), a.path("weight").asDouble()));
        return sorted.stream().map(skill -> skill.path("name").asText()).toList();
    }

    /** A page of postings; pass {@code nextCursor} as {@code cursor} for the next, null on the last page. */
    @Schema(name = "PostingList")
    public record Page(List<PostingView> items, String nextCursor) {

        static Page of(PostingService.Page page) {
            return new Page(page.items().stream().map(PostingView::withoutText).toList(),
                    page.next() == null ? null : page.next().encode());
        }
    }
}
