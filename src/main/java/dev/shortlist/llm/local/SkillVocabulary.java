package dev.shortlist.llm.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The skills the local engine recognises, each with its aliases (k8s is Kubernetes,
 * Postgres is PostgreSQL). Loaded once from {@code local-engine/skills.tsv}.
 */
public final class SkillVocabulary {

    static final String RESOURCE = "local-engine/skills.tsv";

    /** A skill found in a text, with the line it was found on. */
    public record Mention(Skill skill, int line) {
    }

    private final Map<String, Skill> byPhrase;
    private final int longestPhrase;

    private SkillVocabulary(Map<String, Skill> byPhrase) {
        this.byPhrase = byPhrase;
        this.longestPhrase = byPhrase.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
    }

    public static SkillVocabulary load() {
        InputStream in = SkillVocabulary.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, Skill> byPhrase = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                Skill skill = new Skill(columns[0].strip(), columns[1].strip());
                String aliases = columns.length > 2 ? columns[2].strip() : "";
                boolean aliasesOnly = aliases.startsWith("=");
                if (!aliasesOnly) {
                    byPhrase.putIfAbsent(phrase(skill.name()), skill);
                }
                for (String alias : (aliasesOnly ? aliases.substring(1) : aliases).split("\\|")) {
                    if (!alias.isBlank()) {
                        byPhrase.putIfAbsent(phrase(alias), skill);
                    }
                }
            }
            return new SkillVocabulary(byPhrase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String phrase(String text) {
        return String.join(" ", Tokens.of(text));
    }

    /** Every skill mentioned in the text, first mention first, each once, with the line of its first mention. */
    public List<Mention> find(String text) {
        Map<Skill, Mention> found = new LinkedHashMap<>();
        scan(text, (skill, line) -> found.putIfAbsent(skill, new Mention(skill, line)));
        return new ArrayList<>(found.values());
    }

    /** How many times each skill is mentioned, for weighting what a job description stresses. */
    public Map<Skill, Integer> count(String text) {
        Map<Skill, Integer> counts = new LinkedHashMap<>();
        scan(text, (skill, line) -> counts.merge(skill, 1, Integer::sum));
        return counts;
    }

    private void scan(String text, java.util.function.ObjIntConsumer<Skill> onMention) {
        String[] lines = text.split("\n", -1);
        for (int lineNo = 0; lineNo < lines.length; lineNo++) {
            List<String> tokens = Tokens.of(lines[lineNo]);
            for (int i = 0; i < tokens.size(); i++) {
                // Longest phrase first, so "spring boot" wins over a bare "spring".
                for (int n = Math.min(longestPhrase, tokens.size() - i); n >= 1; n--) {
                    Skill skill = byPhrase.get(String.join(" ", tokens.subList(i, i + n)));
                    if (skill != null) {
                        onMention.accept(skill, lineNo);
                        i += n - 1;
                        break;
                    }
                }
            }
        }
    }

    public int size() {
        return (int) byPhrase.values().stream().distinct().count();
    }
}
