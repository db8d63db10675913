package dev.shortlist.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.llm.local.Term;
import dev.shortlist.llm.local.Vocabulary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a written resume claims no skill its source does not show. The local
 * engine never does; a model might, and then the result says so.
 */
@ApplicationScoped
public class Claims {

    private final Vocabulary skills = Vocabulary.skills();

    /** Adds {@code flags.unevidencedSkills} when the written resume names skills the source lacks. */
    void flagUnevidenced(ObjectNode result, String source) {
        Set<Term> shown = new HashSet<>();
        skills.find(source).forEach(mention -> shown.add(mention.term()));
        ArrayNode unevidenced = result.arrayNode();
        skills.find(result.path("resumeMarkdown").asText()).stream()
                .map(mention -> mention.term())
                .filter(term -> !shown.contains(term))
                .forEach(term -> unevidenced.add(term.name()));
        if (!unevidenced.isEmpty()) {
            result.withObjectProperty("flags").set("unevidencedSkills", unevidenced);
        }
    }
}
