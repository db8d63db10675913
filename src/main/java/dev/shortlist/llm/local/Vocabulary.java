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
import java.util.function.ObjIntConsumer;

/**
 * Phrases the local engine recognises, each with its aliases: the skills (k8s is
 * Kubernetes, Postgres is PostgreSQL) and the job titles (J2EE developer is Java
 * Developer). Each is loaded once from a TSV resource under {@code local-engine/}.
 */
public final class Vocabulary {

    static final String SKILLS = "local-engine/skills.tsv";
    static final String TITLES = "local-engine/titles.tsv";

    /** A term found in a text, with the line it was found on. */
    public record Mention(Term term, int line) {
    }

    private final Map<String, Term> byPhrase;
    /** Aliases that name the term only as a whole line, a headline ("Sales", "HR"), never inside a sentence. */
    private final Map<String, Term> byWholeLine;
    /** For each word that starts a phrase, the most words a phrase starting with it has: most words start none. */
    private final Map<String, Integer> longestFrom = new HashMap<>();

    private Vocabulary(Map<String, Term> byPhrase, Map<String, Term> byWholeLine) {
        this.byPhrase = byPhrase;
        this.byWholeLine = byWholeLine;
        for (String phrase : byPhrase.keySet()) {
            String[] words = phrase.split(" ");
            longestFrom.merge(words[0], words.length, Math::max);
        }
    }

    public static Vocabulary skills() {
        return load(SKILLS);
    }

    public static Vocabulary titles() {
        return load(TITLES);
    }

    static Vocabulary load(String resource) {
        InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, Term> byPhrase = new HashMap<>();
            Map<String, Term> byWholeLine = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                Term term = new Term(columns[0].strip(), columns[1].strip());
                String aliases = columns.length > 2 ? columns[2].strip() : "";
                boolean aliasesOnly = aliases.startsWith("=");
                if (!aliasesOnly) {
                    byPhrase.putIfAbsent(phrase(term.name()), term);
                }
                for (String alias : (aliasesOnly ? aliases.substring(1) : aliases).split("\\|")) {
                    if (alias.startsWith("^")) {
                        byWholeLine.putIfAbsent(phrase(alias.substring(1)), term);
                    } else if (!alias.isBlank()) {
                        byPhrase.putIfAbsent(phrase(alias), term);
                    }
                }
            }
            return new Vocabulary(byPhrase, byWholeLine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String phrase(String text) {
        return String.join(" ", Tokens.of(text));
    }

    /** Every term mentioned in the text, first mention first, each once, with the line of its first mention. */
    public List<Mention> find(String text) {
        return find(Text.of(text));
    }

    public List<Mention> find(Text text) {
        Map<Term, Mention> found = new LinkedHashMap<>();
        scan(text, (term, line) -> found.putIfAbsent(term, new Mention(term, line)));
        return new ArrayList<>(found.values());
    }

    /** Every mention, in order, repeats included. */
    public List<Mention> mentions(Text text) {
        List<Mention> all = new ArrayList<>();
        scan(text, (term, line) -> all.add(new Mention(term, line)));
        return all;
    }

    /** A term found on a line, with the characters that name it. */
    public record Located(Term term, int start, int end) {
    }

    /** Where on the line each term is named, for emphasising it in place. */
    public List<Located> locate(String line) {
        List<Tokens.Span> spans = Tokens.spans(line);
        List<Located> found = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Integer longest = longestFrom.get(spans.get(i).token());
            if (longest == null) {
                continue;
            }
            for (int n = Math.min(longest, spans.size() - i); n >= 1; n--) {
                StringBuilder phrase = new StringBuilder(spans.get(i).token());
                for (int k = i + 1; k < i + n; k++) {
                    phrase.append(' ').append(spans.get(k).token());
                }
                Term term = byPhrase.get(phrase.toString());
                if (term != null) {
                    found.add(new Located(term, spans.get(i).start(), spans.get(i + n - 1).end()));
                    i += n - 1;
                    break;
                }
            }
        }
        return found;
    }

    /** The term a whole phrase names, if it is one ("k8s" is Kubernetes, a line "HR" is HR Manager). */
    public java.util.Optional<Term> lookup(String phrase) {
        String key = phrase(phrase);
        Term term = byPhrase.get(key);
        return java.util.Optional.ofNullable(term != null ? term : byWholeLine.get(key));
    }

    private void scan(Text text, ObjIntConsumer<Term> onMention) {
        for (int lineNo = 0; lineNo < text.lineCount(); lineNo++) {
            List<String> tokens = text.tokens(lineNo);
            for (int i = 0; i < tokens.size(); i++) {
                Integer longest = longestFrom.get(tokens.get(i));
                if (longest == null) {
                    continue;
                }
                // Longest phrase first, so "spring boot" wins over a bare "spring".
                for (int n = Math.min(longest, tokens.size() - i); n >= 1; n--) {
                    Term term = byPhrase.get(n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n)));
                    if (term != null) {
                        onMention.accept(term, lineNo);
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
