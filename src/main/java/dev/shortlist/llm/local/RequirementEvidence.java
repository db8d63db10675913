package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Each requirement a posting states, matched to the resume line that shows it, or found
 * missing. First by its words on one line (stems, acronyms and their expansions counted as
 * one: "ACLS" meets "Advanced Cardiac Life Support"); a requirement whose words are only
 * partly there is then compared by meaning with the lines that come closest, a few per
 * resume, their embeddings kept. The quote is always the resume's line, verbatim.
 */
final class RequirementEvidence {

    /** The share of a requirement's weighted words one line must show for the requirement to be met. */
    private static final double MET_BY_WORDS = 0.6;
    /** E5 cosine between a requirement and one resume line from which it counts as met by meaning. */
    static final double MET_BY_MEANING = 0.88;
    /** Resume lines compared by meaning per scoring: the closest partial matches, each embedded once and kept. */
    static final int MAX_LINES_BY_MEANING = 2;
    /** A line must show this share of a requirement's words to be compared by meaning at all. */
    private static final double CLOSE_ENOUGH = 0.3;
    private static final int QUOTE_MAX_CHARS = 240;
    /** Words that say how a thing is asked rather than what: not needed on the resume's line. */
    private static final Set<String> HOW_ASKED = Set.of("experience", "experienced", "skill", "skills", "knowledge", "ability",
            "certification", "certificate", "certified", "license", "licence", "licensed", "proficiency", "proficient",
            "understanding", "familiarity", "strong", "working", "advanced", "basic", "current", "active", "valid", "program",
            "tools", "tool", "system", "systems", "software", "including", "such", "equivalent", "related", "field", "state",
            "good", "excellent", "solid", "proven", "level", "complete", "set", "clean", "record", "management", "using");

    private RequirementEvidence() {
    }

    /** How a requirement was found on the resume. */
    enum How { WORDS, MEANING, MISSING }

    record Check(StatedRequirement requirement, How how, int line) {
    }

    /**
     * @param lineVector the embedding of a resume line (kept), for the comparison by meaning
     * @param queryVector the embedding of a requirement (kept)
     */
    static List<Check> of(ParsedResume resume, List<StatedRequirement> stated, Acronyms acronyms, TermStatistics prior,
            Function<String, float[]> lineVector, Function<String, float[]> queryVector) {
        Map<String, int[]> words = resume.wordLines();
        List<Check> checks = new ArrayList<>();
        List<double[]> partial = new ArrayList<>(); // index, line, share
        for (int i = 0; i < stated.size(); i++) {
            StatedRequirement requirement = stated.get(i);
            int bestLine = -1;
            double best = 0;
            List<List<String>> variants = acronyms.keys(requirement.name());
            for (int v = 0; v < variants.size(); v++) {
                double[] found = bestLine(words, variants.get(v), prior, resume.text().lineCount());
                if (v > 0 && found[1] < 1) {
                    found[1] = Math.min(found[1], MET_BY_WORDS - 0.01); // a spelled-out form is met by all its words, or partly
                }
                if (found[1] > best) {
                    best = found[1];
                    bestLine = (int) found[0];
                }
            }
            if (best >= MET_BY_WORDS) {
                checks.add(new Check(requirement, How.WORDS, bestLine));
            } else {
                checks.add(new Check(requirement, How.MISSING, bestLine));
                if (bestLine >= 0 && best >= CLOSE_ENOUGH) {
                    partial.add(new double[] {i, bestLine, best});
                }
            }
        }
        // By meaning: the closest partial matches only, so that the cost per resume stays bounded.
        partial.sort(Comparator.comparingDouble((double[] p) -> p[2]).reversed());
        Set<Integer> lines = new LinkedHashSet<>();
        for (double[] p : partial) {
            int line = (int) p[1];
            if (!lines.contains(line) && lines.size() >= MAX_LINES_BY_MEANING) {
                continue;
            }
            lines.add(line);
            int index = (int) p[0];
            String text = resume.text().line(line).strip();
            double cosine = SentenceEmbedder.cosine(queryVector.apply(stated.get(index).name()), lineVector.apply(text));
            if (cosine >= MET_BY_MEANING) {
                checks.set(index, new Check(stated.get(index), How.MEANING, line));
            }
        }
        return checks;
    }

    /** The key words of a requirement: its stems (or short acronyms as written), less the words of how it is asked. */
    static List<String> keys(String requirement) {
        List<String> keys = new ArrayList<>();
        for (String word : requirement.split("[^\\p{L}\\d+#&.]+")) {
            String bare = word.replaceAll("^[.&]+|[.&]+$", "");
            if (bare.isEmpty()) {
                continue;
            }
            boolean acronym = bare.length() >= 2 && bare.equals(bare.toUpperCase(Locale.ROOT))
                    && bare.chars().anyMatch(Character::isLetter);
            for (String token : Tokens.of(bare)) {
                if (HOW_ASKED.contains(token)) {
                    continue;
                }
                if (TextRelevance.meaningful(token)) {
                    keys.add(TextRelevance.stem(token));
                } else if (acronym && token.length() >= 2) {
                    keys.add(token);
                }
            }
            if (bare.contains("&") && bare.length() <= 6) {
                keys.add(bare.toLowerCase(Locale.ROOT));
            }
        }
        return keys.stream().distinct().toList();
    }

    /** The line that shows the largest weighted share of the keys, and that share. */
    private static double[] bestLine(Map<String, int[]> words, List<String> keys, TermStatistics prior, int lineCount) {
        if (keys.isEmpty()) {
            return new double[] {-1, 0};
        }
        Map<Integer, Double> shown = new HashMap<>();
        double total = 0;
        for (String key : keys) {
            double weight = Math.max(1, prior.idf(key));
            total += weight;
            int[] on = words.get(key);
            if (on != null) {
                for (int line : on) {
                    shown.merge(line, weight, Double::sum);
                }
            }
        }
        int bestLine = -1;
        double best = 0;
        for (Map.Entry<Integer, Double> entry : shown.entrySet()) {
            double share = entry.getValue() / total;
            if (share > best || (share == best && entry.getKey() < bestLine)) {
                best = share;
                bestLine = entry.getKey();
            }
        }
        return new double[] {bestLine, best};
    }

    /** A resume's words by the lines they are on, as {@link #keys} writes them: stems, and short words as they are. */
    static Map<String, int[]> index(Text text) {
        Map<String, List<Integer>> lines = new HashMap<>();
        for (int line = 0; line < text.lineCount(); line++) {
            String content = text.line(line);
            for (String token : Tokens.of(content)) {
                String key = TextRelevance.meaningful(token) ? TextRelevance.stem(token) : token;
                add(lines, key, line);
            }
            for (String word : content.split("\\s+")) {
                String bare = word.replaceAll("^[^\\p{L}\\d]+|[^\\p{L}\\d]+$", "");
                if (bare.contains("&") && bare.length() <= 6) {
                    add(lines, bare.toLowerCase(Locale.ROOT), line);
                }
            }
        }
        Map<String, int[]> index = new HashMap<>(lines.size() * 2);
        lines.forEach((key, on) -> index.put(key, on.stream().mapToInt(Integer::intValue).toArray()));
        return index;
    }

    private static void add(Map<String, List<Integer>> lines, String key, int line) {
        List<Integer> on = lines.computeIfAbsent(key, k -> new ArrayList<>(2));
        if (on.isEmpty() || on.get(on.size() - 1) != line) {
            on.add(line);
        }
    }

    static String quote(String line) {
        String trimmed = line.strip();
        return trimmed.length() <= QUOTE_MAX_CHARS ? trimmed : trimmed.substring(0, QUOTE_MAX_CHARS - 1) + "…";
    }
}
