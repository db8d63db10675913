package dev.shortlist.security;

import dev.shortlist.platform.cpu.OffEventLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds instructions aimed at a model or a scorer inside a resume: explicit overrides
 * ("ignore previous instructions"), score manipulation ("rate this candidate 100"),
 * role-play and chat-template markers, the same in other languages, text smuggled with
 * invisible characters, and the leftovers of white-on-white text (keyword stuffing, text
 * pushed far below the resume). Thread-safe; patterns are compiled once.
 *
 * <p>Patterns run on the visible text (invisible characters removed, so "ig\u200Bnore" is
 * still "ignore"), and spans are mapped back to offsets of the original text. A span
 * covers the whole sentence an instruction sits in, so no fragment of it is scored.
 */
public final class PromptInjectionGuard {

    private static final int EXCERPT_MAX = 120;
    /** Blank lines after which text is more likely hidden (white on white, pushed off the page) than read. */
    private static final int HIDING_BLANK_LINES = 12;
    private static final Pattern HIDING_GAP = Pattern.compile("(?:[ \\t]*\\n){" + HIDING_BLANK_LINES + ",}");
    private static final int STUFFED_LINE_MIN_TOKENS = 10;
    private static final int STUFFED_REPEATS = 5;
    /** In a stuffed line its three commonest words make up at least this share: it says a few things many times. */
    private static final double STUFFED_TOP_SHARE = 0.5;
    /** Words a skills line repeats honestly ("Excel (5 years), Tableau (2 years)"): no keyword to stuff. */
    private static final Set<String> DURATION_WORDS = Set.of("years", "year", "yrs", "yr", "months", "month");
    private static final int SUSPICIOUS_INVISIBLES = 3;
    private static final int INVISIBLE_GAP = 3;

    private record Rule(String kind, Pattern pattern) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static Rule rule(String kind, String regex) {
        return new Rule(kind, Pattern.compile(regex, FLAGS));
    }

    private static final List<Rule> RULES = List.of(
            rule("override", "\\b(?:ignore|disregard|forget|override|bypass|skip)\\b[^.\\n]{0,40}?"
                    + "\\b(?:previous|prior|above|earlier|preceding|all|any|your|the|these|those|system|original)\\b[^.\\n]{0,30}?"
                    + "\\b(?:instructions?|prompts?|rules|directions|guidelines|criteria|requirements|job description|context)\\b"),
            rule("override", "\\b(?:new|updated|real|actual|hidden)\\s+(?:instructions?|task|prompt)\\s*:"),
            rule("override", "\\bdo\\s+not\\s+(?:follow|obey|apply)\\b[^.\\n]{0,30}?\\b(?:instructions?|rules|criteria|guidelines)\\b"),
            rule("score_manipulation", "\\b(?:rate|score|grade|rank|mark|evaluate|assess)\\s+(?:this|the|my|our)?\\s*"
                    + "(?:candidate|resume|applicant|cv|profile|person|me|him|her)\\b[^.\\n]{0,30}?"
                    + "(?:\\b\\d{2,3}\\b|\\b10\\s*/\\s*10\\b|\\bhighest\\b|\\bperfect\\b|\\bmaximum\\b|\\btop\\b|\\bexcellent\\b|\\bfull marks\\b)"),
            rule("score_manipulation", "\\b(?:give|assign|award|output|return|set|put)\\b[^.\\n]{0,30}?\\b(?:score|rating|grade|marks?)\\b"
                    + "[^.\\n]{0,20}?(?:\\b100\\b|\\b10\\s*/\\s*10\\b|\\b99\\b|\\bhighest\\b|\\bperfect\\b|\\bmaximum\\b|\\bmax\\b|\\bfull\\b)"),
            rule("score_manipulation", "\\b(?:you|the\\s+(?:ai|model|system|screener|recruiter|reviewer))\\s+(?:must|should|will|shall|have\\s+to)\\s+"
                    + "(?:always\\s+)?(?:shortlist|hire|recommend|select|approve|accept|pass|advance)\\b"),
            rule("score_manipulation", "\\b(?:this|the)\\s+(?:candidate|applicant)\\s+is\\s+(?:the\\s+|a\\s+)?(?:perfect|ideal|best|top|strongest)\\s+"
                    + "(?:match|fit|candidate|choice)\\b"),
            rule("score_manipulation", "[\"']?\\b(?:score|recommendation)[\"']?\\s*[:=]\\s*[\"']?(?:100|shortlist)\\b"),
            rule("role_play", "\\byou\\s+are\\s+(?:now|no\\s+longer)\\b"),
            rule("role_play", "\\b(?:act|behave|respond)\\s+as\\s+(?:if\\s+you\\s+were\\s+)?(?:a|an|the|my)?\\s*(?:ai|assistant|language\\s+model|llm|chatbot|"
                    + "gpt|chatgpt|system|evaluator|judge|grader|screener|hiring\\s+manager|recruiter\\s+who)\\b"),
            rule("role_play", "\\bpretend\\s+(?:to\\s+be|you\\s+are|that\\s+you)\\b"),
            rule("role_play", "\\b(?:from\\s+now\\s+on|for\\s+the\\s+rest\\s+of\\s+this\\s+conversation)\\b[^.\\n]{0,40}?\\byou\\b"),
            rule("role_play", "\\b(?:developer|god|dan|jailbreak)\\s+mode\\b"),
            rule("system_marker", "<\\|?\\s*(?:im_start|im_end|system|assistant|endoftext|user)\\s*\\|?>"),
            rule("system_marker", "\\[/?(?:INST|SYS)\\]|<</?SYS>>"),
            rule("system_marker", "(?m)^\\s*#{2,}\\s*(?:instruction|instructions|system|response|assistant)\\b"),
            rule("system_marker", "(?m)^\\s*(?:system|assistant)\\s*(?:prompt|message)?\\s*:\\s*(?:you|ignore|the\\s+candidate|rate|give|score|from|as\\s+an?)\\b"),
            rule("system_marker", "</?\\s*(?:system|instructions?|prompt)\\s*>|<<<\\s*end\\b|\\bend\\s+of\\s+(?:resume|cv|document|input)\\b[^.\\n]{0,10}?[:\\-]"),
            // The same overrides and requests in other languages.
            rule("foreign_language", "\\bignore[rz]?\\s+(?:toutes\\s+)?(?:les\\s+)?(?:instructions|consignes)\\s+(?:pr[ée]c[ée]dentes|ant[ée]rieures)"),
            rule("foreign_language", "\\b(?:donne[rz]?|attribue[rz]?)\\b[^.\\n]{0,25}?\\b(?:note|score)\\s+(?:maximale|parfaite|de\\s+100)"),
            rule("foreign_language", "\\bignora(?:r|d)?\\s+(?:todas\\s+)?(?:las\\s+)?instrucciones\\s+(?:anteriores|previas)"),
            rule("foreign_language", "\\b(?:da|dale|asigna|otorga)\\b[^.\\n]{0,25}?\\bpuntuaci[óo]n\\s+(?:m[áa]xima|perfecta|de\\s+100)"),
            rule("foreign_language", "\\bignorier(?:e|en)?\\s+(?:sie\\s+)?(?:alle\\s+)?(?:vorherigen|bisherigen|obigen|vorangegangenen)\\s+(?:anweisungen|instruktionen|befehle)"),
            rule("foreign_language", "\\b(?:gib|geben\\s+sie|vergib)\\b[^.\\n]{0,25}?\\b(?:h[öo]chste|maximale|volle)\\s+(?:punktzahl|bewertung|punkte)"),
            rule("foreign_language", "\\bignor[ae]\\s+(?:todas\\s+)?(?:as\\s+)?instru[çc][õo]es\\s+anteriores"),
            rule("foreign_language", "\\b(?:d[êe]|atribua|conceda)\\b[^.\\n]{0,25}?\\bpontua[çc][ãa]o\\s+(?:m[áa]xima|perfeita)"),
            rule("foreign_language", "\\bignora\\s+(?:tutte\\s+)?(?:le\\s+)?istruzioni\\s+precedenti"),
            rule("foreign_language", "\\b(?:dai|assegna|attribuisci)\\b[^.\\n]{0,25}?\\bpunteggio\\s+(?:massimo|pieno|perfetto)"),
            rule("foreign_language", "忽略.{0,6}(?:之前|以上|先前|上面|所有).{0,4}(?:指令|指示|说明|规则)"),
            rule("foreign_language", "(?:给|打)(?:出|予)?.{0,6}(?:最高|满)分"),
            rule("foreign_language", "(?:以前|前|上記)の(?:指示|命令)を無視"),
            rule("foreign_language", "игнорир\\p{L}*\\s+(?:все\\s+)?(?:предыдущие|прежние|вышеуказанные)\\s+(?:инструкции|указания)"),
            rule("foreign_language", "(?:поставь|дай|поставьте|дайте)\\p{L}*\\s+[^.\\n]{0,25}?(?:максимальн|высш)\\p{L}*"));

    /** Zero-width, bidi-control, word-joiner, BOM and tag characters: invisible to a reader, read by a model. */
    static boolean invisible(int codePoint) {
        return (codePoint >= 0x200B && codePoint <= 0x200F)
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2060 && codePoint <= 0x2064)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0xFEFF || codePoint == 0x180E
                || (codePoint >= 0xE0000 && codePoint <= 0xE007F);
    }

    public InjectionScan scan(String text) {
        OffEventLoop.check("Prompt-injection screening");
        Visible visible = Visible.of(text, false);
        List<InjectionSpan> found = new ArrayList<>();
        phrases(visible, text, found);
        if (text.indexOf('\u200B') >= 0) {
            // Zero-width spaces between words ("ignore\u200Bprevious\u200Binstructions") read as breaks too.
            phrases(Visible.of(text, true), text, found);
        }
        stuffedLines(visible.seen(), visible.origin(), text, found);
        hiddenTail(visible.seen(), visible.origin(), text, found);
        invisibleSpans(text, visible.invisibleRuns(), found);
        List<InjectionSpan> spans = merged(found, text);
        return new InjectionScan(spans, cleaned(text, spans));
    }

    /**
     * The text as a reader sees it, and for each of its chars the offset of that char in the
     * original. Invisible characters are left out, or, for zero-width spaces when
     * {@code zeroWidthAsSpace}, read as a space; {@code invisibleRuns} are where they stood.
     */
    private record Visible(String seen, int[] origin, List<int[]> invisibleRuns) {

        static Visible of(String text, boolean zeroWidthAsSpace) {
            List<int[]> invisibleRuns = new ArrayList<>();
            StringBuilder visible = new StringBuilder(text.length());
            int[] origin = new int[text.length() + 1];
            int runStart = -1;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                int width = Character.charCount(codePoint);
                if (invisible(codePoint)) {
                    if (runStart < 0) {
                        runStart = i;
                    }
                    if (zeroWidthAsSpace && codePoint == 0x200B) {
                        origin[visible.length()] = i;
                        visible.append(' ');
                    }
                } else {
                    if (runStart >= 0) {
                        invisibleRuns.add(new int[] {runStart, i});
                        runStart = -1;
                    }
                    for (int k = 0; k < width; k++) {
                        origin[visible.length()] = i + k;
                        visible.append(text.charAt(i + k));
                    }
                }
                i += width;
            }
            if (runStart >= 0) {
                invisibleRuns.add(new int[] {runStart, text.length()});
            }
            origin[visible.length()] = text.length();
            return new Visible(visible.toString(), origin, invisibleRuns);
        }
    }

    private static void phrases(Visible visible, String text, List<InjectionSpan> found) {
        String seen = visible.seen();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(seen);
            while (matcher.find()) {
                int start = sentenceStart(seen, matcher.start());
                int end = sentenceEnd(seen, matcher.end());
                found.add(span(text, visible.origin()[start], visible.origin()[end], rule.kind()));
            }
        }
    }

    /**
     * Runs of invisible characters, reported when there are enough of them to carry a
     * message (a byte-order mark at the start, or zero-width spaces standing alone, from a PDF
     * or a copy and paste, are not an attack). Runs a few letters apart ("i\u200Bg\u200Bn...")
     * become one span.
     */
    private static void invisibleSpans(String text, List<int[]> runs, List<InjectionSpan> found) {
        List<Cluster> clusters = new ArrayList<>();
        boolean tags = false;
        Cluster cluster = null;
        for (int[] run : runs) {
            if (cluster == null || run[0] - cluster.end > INVISIBLE_GAP) {
                cluster = new Cluster(run[0]);
                clusters.add(cluster);
            } else {
                cluster.closestGap = Math.min(cluster.closestGap, run[0] - cluster.end);
            }
            cluster.end = run[1];
            cluster.loneSpaces &= run[1] - run[0] == 1 && text.charAt(run[0]) == '\u200B';
            for (int i = run[0]; i < run[1]; ) {
                int codePoint = text.codePointAt(i);
                cluster.count += i == 0 && codePoint == 0xFEFF ? 0 : 1;
                tags |= codePoint >= 0xE0000;
                i += Character.charCount(codePoint);
            }
        }
        clusters.removeIf(Cluster::benign);
        int count = clusters.stream().mapToInt(each -> each.count).sum();
        if (count < SUSPICIOUS_INVISIBLES && !tags) {
            return;
        }
        clusters.forEach(each -> found.add(span(text, each.start, each.end, "invisible_characters")));
    }

    /** Runs of invisible characters a few letters apart, taken as one. */
    private static final class Cluster {

        /** Most hyphens in one compound ("end-of-the-year" has three) that a PDF may turn into zero-width spaces. */
        private static final int HYPHENS_IN_A_COMPOUND = 4;

        final int start;
        int end;
        int count;
        int closestGap = Integer.MAX_VALUE;
        boolean loneSpaces = true;

        Cluster(int start) {
            this.start = start;
            this.end = start;
        }

        /**
         * Nothing but a byte-order mark, or single zero-width spaces between words where a PDF
         * or a word processor marked a break or a hyphen stood (over half of real PDF resumes
         * have some), not letter by letter and not more than a compound word holds.
         */
        boolean benign() {
            return count == 0 || (loneSpaces && (count == 1 || (closestGap >= 2 && count <= HYPHENS_IN_A_COMPOUND)));
        }
    }

    /**
     * Lines that repeat a few keywords over and over (the usual white-text payload: "Java
     * Java Java Kubernetes Kubernetes ..."), which no reader writes.
     */
    private static void stuffedLines(String seen, int[] origin, String text, List<InjectionSpan> found) {
        int lineStart = 0;
        while (lineStart <= seen.length()) {
            int lineEnd = seen.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = seen.length();
            }
            String[] words = seen.substring(lineStart, lineEnd).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}+#]+");
            Map<String, Integer> counts = new HashMap<>();
            int tokens = 0;
            for (String word : words) {
                if (word.length() > 1 && !DURATION_WORDS.contains(word)) {
                    tokens++;
                    counts.merge(word, 1, Integer::sum);
                }
            }
            if (tokens >= STUFFED_LINE_MIN_TOKENS) {
                List<Integer> top = counts.values().stream().sorted(Comparator.reverseOrder()).limit(3).toList();
                int topThree = top.stream().mapToInt(Integer::intValue).sum();
                if (top.get(0) >= STUFFED_REPEATS && topThree >= tokens * STUFFED_TOP_SHARE) {
                    found.add(span(text, origin[lineStart], origin[lineEnd], "keyword_stuffing"));
                }
            }
            lineStart = lineEnd + 1;
        }
    }

    /** Text after a long run of blank lines: pushed below the page where no reader looks. */
    private static void hiddenTail(String seen, int[] origin, String text, List<InjectionSpan> found) {
        Matcher gap = HIDING_GAP.matcher(seen);
        while (gap.find()) {
            if (gap.end() < seen.length() && !seen.substring(gap.end()).isBlank()) {
                found.add(span(text, origin[gap.end()], text.length(), "hidden_text"));
                return;
            }
        }
    }

    private static int sentenceStart(String text, int from) {
        int i = from;
        while (i > 0 && !boundary(text, i - 1)) {
            i--;
        }
        return i;
    }

    private static int sentenceEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !boundary(text, i)) {
            i++;
        }
        return i < text.length() && text.charAt(i) != '\n' ? i + 1 : i;
    }

    /** A sentence ends at a line break, or at . ! ? 。 followed by a space or the end. */
    private static boolean boundary(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n' || c == '。' || c == '！' || c == '？') {
            return true;
        }
        return (c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
    }

    private static InjectionSpan span(String text, int start, int end, String kind) {
        return new InjectionSpan(start, end, kind, excerpt(text.substring(start, end)));
    }

    /** Overlapping spans become one, keeping the kind of the first. */
    private static List<InjectionSpan> merged(List<InjectionSpan> spans, String text) {
        List<InjectionSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(InjectionSpan::start).thenComparingInt(s -> -s.end()));
        List<InjectionSpan> merged = new ArrayList<>();
        for (InjectionSpan span : sorted) {
            InjectionSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() < last.end()) {
                if (span.end() > last.end()) {
                    merged.set(merged.size() - 1, span(text, last.start(), span.end(), last.kind()));
                }
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** The text without the spans (their line breaks kept) and without any invisible character. */
    private static String cleaned(String text, List<InjectionSpan> spans) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (InjectionSpan span : spans) {
            appendVisible(out, text, at, span.start());
            for (int i = span.start(); i < span.end(); i++) {
                if (text.charAt(i) == '\n') {
                    out.append('\n');
                }
            }
            at = span.end();
        }
        appendVisible(out, text, at, text.length());
        return out.toString();
    }

    private static void appendVisible(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; ) {
            int codePoint = text.codePointAt(i);
            if (!invisible(codePoint)) {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
    }

    /** What a reader can see of a span: shortened, line breaks as spaces, invisible characters as escapes. */
    private static String excerpt(String span) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < span.length() && out.length() < EXCERPT_MAX; ) {
            int codePoint = span.codePointAt(i);
            if (invisible(codePoint)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", codePoint));
            } else if (Character.isWhitespace(codePoint)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        String shown = out.toString().strip();
        return shown.length() >= EXCERPT_MAX ? shown.substring(0, EXCERPT_MAX - 1) + "…" : shown;
    }
}
