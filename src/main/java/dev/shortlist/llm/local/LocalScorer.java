package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores a resume against a job description without any model: which of the skills the
 * job asks for the resume shows (weighted by how much the job stresses each), and how
 * many of the job's other key terms it shares. Deterministic and explainable: every
 * matched skill comes with the resume line that evidences it.
 */
public final class LocalScorer {

    /** Share of the score that skill coverage carries; the rest is key-term coverage. */
    static final double SKILL_WEIGHT = 0.75;
    /** How many of the job description's most frequent non-skill terms are compared. */
    static final int KEY_TERMS = 25;
    static final int SHORTLIST_AT = 70;
    static final int MAYBE_AT = 45;
    private static final int QUOTE_MAX_CHARS = 240;

    /** One matched skill and the resume line behind it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Evidence(String skill, String quote) {
    }

    /** The whole explanation of one score. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Report(
            int score,
            String recommendation,
            List<String> matchedSkills,
            List<String> missingSkills,
            List<String> matchedKeywords,
            List<String> missingKeywords,
            List<Evidence> evidence,
            double skillCoverage,
            double keywordCoverage,
            String summary) {
    }

    private final SkillVocabulary vocabulary;

    public LocalScorer(SkillVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public Report score(String resume, String jobDescription) {
        Map<Skill, Integer> wanted = vocabulary.count(jobDescription);
        List<SkillVocabulary.Mention> shown = vocabulary.find(resume);
        Map<Skill, Integer> lineOf = new HashMap<>();
        shown.forEach(mention -> lineOf.put(mention.skill(), mention.line()));
        String[] resumeLines = resume.split("\n", -1);

        // Skills the job names more often weigh more: 1 + ln(mentions).
        List<Map.Entry<Skill, Integer>> byStress = wanted.entrySet().stream()
                .sorted(Map.Entry.<Skill, Integer>comparingByValue().reversed())
                .toList();
        double totalWeight = 0;
        double matchedWeight = 0;
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (Map.Entry<Skill, Integer> entry : byStress) {
            double weight = 1 + Math.log(entry.getValue());
            totalWeight += weight;
            Integer line = lineOf.get(entry.getKey());
            if (line == null) {
                missing.add(entry.getKey().name());
            } else {
                matchedWeight += weight;
                matched.add(entry.getKey().name());
                evidence.add(new Evidence(entry.getKey().name(), quote(resumeLines[line])));
            }
        }

        List<String> keyTerms = keyTerms(jobDescription, wanted.keySet());
        Set<String> resumeStems = Tokens.of(resume).stream().map(LocalScorer::stem).collect(Collectors.toSet());
        List<String> matchedKeywords = keyTerms.stream().filter(resumeStems::contains).toList();
        List<String> missingKeywords = keyTerms.stream().filter(t -> !resumeStems.contains(t)).toList();

        double skillCoverage = totalWeight == 0 ? 0 : matchedWeight / totalWeight;
        double keywordCoverage = keyTerms.isEmpty() ? 0 : (double) matchedKeywords.size() / keyTerms.size();
        double blended = totalWeight == 0
                ? keywordCoverage
                : SKILL_WEIGHT * skillCoverage + (1 - SKILL_WEIGHT) * keywordCoverage;
        int score = (int) Math.round(100 * blended);
        String recommendation = score >= SHORTLIST_AT ? "shortlist" : score >= MAYBE_AT ? "maybe" : "reject";
        return new Report(score, recommendation, matched, missing, matchedKeywords, missingKeywords, evidence,
                round(skillCoverage), round(keywordCoverage),
                summary(score, recommendation, matched, missing, wanted.size()));
    }

    /** The stems of the job description's most frequent meaningful terms that are not already skills. */
    private static List<String> keyTerms(String jobDescription, Set<Skill> skills) {
        Set<String> skillWords = new HashSet<>();
        skills.forEach(skill -> skillWords.addAll(Tokens.of(skill.name())));
        Map<String, Integer> frequency = new LinkedHashMap<>();
        for (String token : Tokens.of(jobDescription)) {
            if (token.length() > 2 && !Stopwords.contains(token) && !skillWords.contains(token)
                    && Character.isLetter(token.charAt(0))) {
                frequency.merge(stem(token), 1, Integer::sum);
            }
        }
        return frequency.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(KEY_TERMS)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** A light suffix strip, enough that "developers", "developed" and "developing" meet. */
    static String stem(String token) {
        for (String suffix : new String[] {"ing", "ers", "ed", "es", "er", "s"}) {
            if (token.length() > suffix.length() + 3 && token.endsWith(suffix)) {
                return token.substring(0, token.length() - suffix.length());
            }
        }
        return token;
    }

    private static String quote(String line) {
        String trimmed = line.strip();
        return trimmed.length() <= QUOTE_MAX_CHARS ? trimmed : trimmed.substring(0, QUOTE_MAX_CHARS - 1) + "…";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String summary(int score, String recommendation, List<String> matched, List<String> missing, int asked) {
        if (asked == 0) {
            return "Scored " + score + "/100 on shared key terms; the job description names no skills this engine recognises.";
        }
        StringBuilder text = new StringBuilder()
                .append("Scored ").append(score).append("/100 (").append(recommendation).append("): the resume shows ")
                .append(matched.size()).append(" of the ").append(asked).append(" skills the job asks for");
        if (!matched.isEmpty()) {
            text.append(", including ").append(String.join(", ", matched.subList(0, Math.min(5, matched.size()))));
        }
        if (!missing.isEmpty()) {
            text.append("; not shown: ").append(String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
        return text.append('.').toString();
    }
}
