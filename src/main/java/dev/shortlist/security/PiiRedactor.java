package dev.shortlist.security;

import dev.shortlist.cpu.OffEventLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data before text leaves the service for a third-party model: email
 * addresses, phone numbers, URLs (profiles, portfolios), street addresses and, where it can
 * be told, the candidate's name (a resume's first line, a "Name:" line, and every later
 * mention of that name). What a model needs to judge fit (skills, titles, employers,
 * dates) stays. Thread-safe.
 */
public final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s<>\"')]+|\\b(?:linkedin\\.com|github\\.com|gitlab\\.com|behance\\.net|dribbble\\.com)/[^\\s<>\"')]+");
    /** Digit groups with the separators phones use; the digits are counted afterwards. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w/])\\+?\\(?\\d[\\d \\t().-]{6,}\\d(?:\\s*(?:ext\\.?|x|extension)\\s*\\d{1,5})?(?![\\w/])", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\d{1,5}[A-Za-z]?,?[ \\t]+(?:[A-Z][\\p{L}'.-]*[ \\t]+){1,4}"
                    + "(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|"
                    + "square|sq|parkway|pkwy|highway|hwy|nagar|marg|colony|layout|cross)\\b\\.?"
                    + "(?:,?[ \\t]+(?i:apt|suite|unit|flat|#)\\.?[ \\t]*\\w+)?"
                    + "(?:,[ \\t]*[A-Z][\\p{L} .'-]{1,30}){0,3}(?:,?[ \\t]*[A-Z]{2})?(?:[ \\t]+\\d{5}(?:-\\d{4})?|[ \\t]+\\d{3}[ \\t]?\\d{3})?");
    private static final Pattern ADDRESS_LINE = Pattern.compile("(?im)^\\s*(?:address|residence|home address|permanent address)\\s*[:\\-]\\s*(\\S.*)$");
    private static final Pattern NAME_LINE = Pattern.compile("(?im)^\\s*(?:name|full name|candidate name)\\s*[:\\-]\\s*([\\p{L}][\\p{L} .'-]{1,60}?)\\s*$");
    private static final Pattern NAME_FIELD = Pattern.compile("\"name\"\\s*:\\s*\"([^\"\\\\]{2,80})\"");
    /** Two to four capitalised words, nothing else: how a resume's first line names its candidate. */
    private static final Pattern NAME_HEADLINE = Pattern.compile("^\\s*((?:\\p{Lu}[\\p{L}'-]*\\.?\\s+){1,3}\\p{Lu}[\\p{L}'-]*)\\s*$");
    private static final List<String> NOT_NAMES = List.of("resume", "curriculum", "vitae", "profile", "summary", "skills",
            "education", "experience", "objective", "details", "developer", "engineer", "manager", "analyst", "designer",
            "consultant", "executive", "technical", "professional", "career", "personal", "contact", "information");
    private static final int MIN_PHONE_DIGITS = 10;
    private static final int MAX_PHONE_DIGITS = 15;

    /** A stretch of text to mask and what it is. */
    private record Hit(int start, int end, String kind) {
    }

    public Redaction redact(String text) {
        OffEventLoop.check("PII masking");
        List<Hit> hits = new ArrayList<>();
        find(EMAIL, text, "email", hits);
        find(URL, text, "url", hits);
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            if (isPhone(phone.group())) {
                hits.add(new Hit(phone.start(), phone.end(), "phone"));
            }
        }
        find(ADDRESS, text, "address", hits);
        Matcher addressLine = ADDRESS_LINE.matcher(text);
        while (addressLine.find()) {
            hits.add(new Hit(addressLine.start(1), addressLine.end(1), "address"));
        }
        candidateName(text).ifPresent(name -> {
            Matcher mention = Pattern.compile("(?<!\\p{L})" + Pattern.quote(name) + "(?!\\p{L})", Pattern.CASE_INSENSITIVE).matcher(text);
            while (mention.find()) {
                hits.add(new Hit(mention.start(), mention.end(), "name"));
            }
        });
        return apply(text, hits);
    }

    private static void find(Pattern pattern, String text, String kind, List<Hit> hits) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            hits.add(new Hit(matcher.start(), matcher.end(), kind));
        }
    }

    /**
     * 10 to 15 digits, and not a run of years ("2012 - 2016 2018") or a date
     * ("12.05.2019 - 13.06.2020"): the usual false friends of a phone pattern in a resume.
     */
    static boolean isPhone(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < MIN_PHONE_DIGITS || digits.length() > MAX_PHONE_DIGITS) {
            return false;
        }
        String[] groups = candidate.replaceAll("(?i)ext\\.?|extension|x", " ").trim().split("[^\\d]+");
        boolean allYears = true;
        for (String group : groups) {
            if (!group.isEmpty() && !(group.length() == 4 && (group.startsWith("19") || group.startsWith("20")))) {
                allYears = false;
            }
        }
        boolean dateRange = candidate.matches("\\s*\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}\\s*[-–]\\s*\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}\\s*");
        return !allYears && !dateRange;
    }

    /**
     * The candidate's name: a "Name:" line, a profile's {@code "name"} field, or a first line
     * that is two to four capitalised words.
     */
    static java.util.Optional<String> candidateName(String text) {
        Matcher labelled = NAME_LINE.matcher(text);
        if (labelled.find()) {
            return java.util.Optional.of(labelled.group(1).strip());
        }
        Matcher field = NAME_FIELD.matcher(text);
        if (field.find() && !field.group(1).isBlank()) {
            return java.util.Optional.of(field.group(1).strip());
        }
        for (String line : text.split("\\R", 6)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher headline = NAME_HEADLINE.matcher(line);
            if (headline.matches()) {
                String name = headline.group(1).strip();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (NOT_NAMES.stream().noneMatch(lower::contains)) {
                    return java.util.Optional.of(name);
                }
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** Replaces each hit, longest first where they overlap, with its mask. */
    private static Redaction apply(String text, List<Hit> hits) {
        hits.sort(Comparator.comparingInt(Hit::start).thenComparingInt(h -> -h.end()));
        StringBuilder out = new StringBuilder(text.length());
        Map<String, Integer> masked = new LinkedHashMap<>();
        int at = 0;
        for (Hit hit : hits) {
            if (hit.start() < at) {
                continue; // inside a longer hit already masked
            }
            out.append(text, at, hit.start()).append('[').append(hit.kind().toUpperCase(java.util.Locale.ROOT)).append(']');
            masked.merge(hit.kind(), 1, Integer::sum);
            at = hit.end();
        }
        out.append(text.substring(at));
        return new Redaction(out.toString(), masked);
    }
}
