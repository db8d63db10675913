package dev.shortlist.llm.local;

import java.util.Set;

/** English function words and the boilerplate of job postings, which say nothing about fit. */
final class Stopwords {

    private static final Set<String> WORDS = Set.copyOf(java.util.List.of(
            "the", "and", "for", "with", "you", "our", "are", "will", "this", "that", "from", "have", "has",
            "your", "all", "who", "can", "not", "but", "they", "their", "them", "its", "was", "were", "been",
            "being", "his", "her", "she", "him", "what", "which", "when", "where", "how", "why", "also", "such",
            "into", "onto", "over", "under", "about", "across", "within", "other", "more", "most", "some", "any",
            "each", "per", "via", "etc", "may", "must", "should", "would", "could", "shall", "able", "ability",
            "well", "very", "including", "include", "includes", "using", "use", "used", "work", "working", "works",
            "job", "role", "position", "candidate", "candidates", "company", "team", "teams", "years", "year",
            "experience", "experienced", "skills", "skill", "knowledge", "strong", "good", "excellent", "plus",
            "preferred", "required", "requirements", "responsibilities", "responsible", "qualifications",
            "minimum", "least", "degree", "related", "field", "equivalent", "opportunity", "opportunities",
            "benefits", "salary", "apply", "employer", "employment", "equal", "new", "help", "make", "across",
            "one", "two", "three", "five", "day", "days", "time", "full", "part", "looking", "join", "ensure",
            "based", "within", "like", "need", "needs", "who", "what", "other", "high", "level", "great",
            "environment", "world", "people", "business", "support", "provide", "ideal"));

    private Stopwords() {
    }

    static boolean contains(String word) {
        return WORDS.contains(word);
    }
}
