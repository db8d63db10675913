package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acronyms and their expansions, so that a requirement written one way is met by a resume
 * written the other ("ACLS" and "Advanced Cardiac Life Support", "A&P" and "Airframe and
 * Powerplant"): the bundled list of credentials, regulations and tools across fields, and
 * those a posting spells out itself ("Know Your Customer (KYC)").
 */
public final class Acronyms {

    static final String RESOURCE = "local-engine/acronyms.tsv";
    private static final Acronyms BUNDLED = load();
    /** "Long Form (LF)" or "LF (long form)". */
    private static final Pattern DEFINED = Pattern.compile(
            "((?:[\\p{L}][\\p{L}'’-]*\\s+){1,6}?[\\p{L}][\\p{L}'’-]*)\\s*\\(([A-Z][A-Za-z&+/-]{1,7})\\)"
                    + "|\\b([A-Z][A-Z&+/-]{1,7})\\s*\\(([\\p{L}][\\p{L}'’ -]{5,60})\\)");

    /** Acronym (upper case) → expansions (lower case); expansion → acronym. */
    private final Map<String, List<String>> expansions;
    private final Map<String, String> byExpansion;
    private final Map<String, List<List<String>>> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_KEPT = 10_000;

    private Acronyms(Map<String, List<String>> expansions) {
        this.expansions = expansions;
        this.byExpansion = new HashMap<>();
        expansions.forEach((acronym, longs) -> longs.forEach(l -> byExpansion.putIfAbsent(l, acronym)));
    }

    static Acronyms bundled() {
        return BUNDLED;
    }

    /** These acronyms and those the text spells out ("Bank Secrecy Act (BSA)"). */
    Acronyms with(String text) {
        Map<String, List<String>> more = new HashMap<>(expansions);
        Matcher defined = DEFINED.matcher(text);
        boolean found = false;
        while (defined.find()) {
            String acronym = defined.group(2) != null ? defined.group(2) : defined.group(3);
            String longForm = (defined.group(1) != null ? defined.group(1) : defined.group(4)).toLowerCase(Locale.ROOT).strip();
            if (longForm.split("\\s+").length < 2 || !initialsFit(acronym, longForm)) {
                continue;
            }
            longForm = trimToInitials(acronym, longForm);
            List<String> longs = new ArrayList<>(more.getOrDefault(acronym, List.of()));
            if (!longs.contains(longForm)) {
                longs.add(longForm);
                more.put(acronym, List.copyOf(longs));
                found = true;
            }
        }
        return found ? new Acronyms(more) : this;
    }

    /**
     * The key words ({@link RequirementEvidence#keys}) of each way a requirement may be written, its own first;
     * worked out once per requirement and kept, as every resume scored against the posting asks again.
     */
    List<List<String>> keys(String requirement) {
        List<List<String>> kept = keys.get(requirement);
        if (kept == null) {
            kept = variants(requirement).stream().map(RequirementEvidence::keys).toList();
            if (keys.size() < MAX_KEPT) {
                keys.put(requirement, kept);
            }
        }
        return kept;
    }

    /** The ways a requirement may be written: itself, its acronyms spelled out, its long forms shortened. */
    List<String> variants(String requirement) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(requirement);
        // A parenthesis often holds the other way of writing it: "CDL (commercial driver's license)".
        Matcher parens = Pattern.compile("\\(([^)]+)\\)").matcher(requirement);
        while (parens.find()) {
            variants.add(parens.group(1));
            variants.add(requirement.replace(parens.group(), " ").strip());
        }
        for (String written : List.copyOf(variants)) {
            for (String word : written.split("[\\s,/]+")) {
                String bare = word.replaceAll("^[^\\p{L}\\d]+|[^\\p{L}\\d+&]+$", "");
                List<String> longs = bare.length() >= 2 && bare.equals(bare.toUpperCase(Locale.ROOT)) ? expansions.get(bare) : null;
                if (longs != null) {
                    longs.forEach(l -> variants.add(written.replace(bare, l)));
                }
            }
            String lower = written.toLowerCase(Locale.ROOT).replace('’', '\'');
            byExpansion.forEach((longForm, acronym) -> {
                int at = lower.indexOf(longForm);
                if (at >= 0) {
                    variants.add(lower.substring(0, at) + acronym + lower.substring(at + longForm.length()));
                }
            });
        }
        return new ArrayList<>(variants);
    }

    /** A short text (a title) with its acronyms spelled out beside them: "ICU RN" reads "ICU RN (intensive care unit registered nurse)". */
    String spelledOut(String text) {
        List<String> spelled = new ArrayList<>();
        for (String word : text.split("[\\s,/]+")) {
            String bare = word.replaceAll("^[^\\p{L}\\d]+|[^\\p{L}\\d+&]+$", "");
            List<String> longs = bare.length() >= 2 && bare.equals(bare.toUpperCase(Locale.ROOT)) ? expansions.get(bare) : null;
            spelled.add(longs != null ? longs.get(0) : word);
        }
        String joined = String.join(" ", spelled);
        return joined.equals(text) ? text : text + " (" + joined + ")";
    }

    /** Each letter of the acronym starts a word of the long form, in order ("A&P": Airframe and Powerplant). */
    private static boolean initialsFit(String acronym, String longForm) {
        String letters = acronym.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        String[] words = longForm.split("[\\s-]+");
        int w = words.length - 1;
        for (int i = letters.length() - 1; i >= 0; i--) {
            while (w >= 0 && words[w].charAt(0) != letters.charAt(i)) {
                w--;
            }
            if (w < 0) {
                return false;
            }
            w--;
        }
        return letters.charAt(0) == longForm.charAt(0) || w >= -1;
    }

    /** The long form from the word that starts with the acronym's first letter: "a valid Know Your Customer" → "know your customer". */
    private static String trimToInitials(String acronym, String longForm) {
        String[] words = longForm.split("\\s+");
        char first = Character.toLowerCase(acronym.charAt(0));
        int letters = acronym.replaceAll("[^A-Za-z]", "").length();
        for (int start = Math.max(0, words.length - letters - 3); start < words.length; start++) {
            if (words[start].charAt(0) == first) {
                return String.join(" ", java.util.Arrays.copyOfRange(words, start, words.length));
            }
        }
        return longForm;
    }

    private static Acronyms load() {
        Map<String, List<String>> expansions = new HashMap<>();
        for (String[] columns : TsvResource.rows(RESOURCE)) {
            expansions.put(columns[0].strip(), List.of(columns[1].strip().toLowerCase(Locale.ROOT).split("\\|")));
        }
        return new Acronyms(expansions);
    }
}
