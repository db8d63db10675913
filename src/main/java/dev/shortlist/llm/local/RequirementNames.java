package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one clause of a posting is cut into the things it names: lead-ins and tails that say how
 * a thing is asked dropped ("strong knowledge of", "is a plus"), lists split where they list
 * and kept whole where they bind ("degree in accounting or finance"), a shared head handed on
 * ("ACLS and BLS certification"), and words that name nothing on their own left out.
 */
final class RequirementNames {

    /** Lead-ins that say how a thing is asked, not what: dropped from the front of a requirement. */
    private static final Pattern LEAD_IN = Pattern.compile(
            "^(?:(?:a|an|the|and|or|also|plus|must|should|will|be|have|has|having|hold|holds|possess|own|ideally|including"
                    + "|strong|solid|deep|good|excellent|proven|demonstrated|basic|thorough|in-depth|hands-on|working|practical"
                    + "|(?:current|active|valid)(?=\\s+(?-i:(?!\\p{Lu}\\p{Ll})))"
                    + "|up-to-date|unrestricted|clean|some|any|at least|minimum|minimum of"
                    + "|preferably|required|requires|requirement|you have|you hold|candidates? (?:must|should) have)\\s+"
                    + "|(?:knowledge|understanding|command|mastery|use|grasp) of\\s+"
                    + "|(?:experience|experienced|expertise|proficiency|proficient|fluency|fluent|familiarity|familiar|comfort|comfortable"
                    + "|skills?|skilled|background|track record|competence|competency|training|trained)"
                    + "\\s+(?:with|in|of|using|on|at|managing|leading|working with|working in|running)\\s+"
                    + "|(?:ability|able|available|willing|willingness|eager) to\\s+"
                    + "|(?:a|an) (?:complete )?set of\\s+|(?:a|an) (?:passion|eye) for\\s+|progress toward\\s+(?=the\\b))",
            Pattern.CASE_INSENSITIVE);
    /** Trailing words that say how a thing is asked: "… is a plus", "… preferred", "… required". */
    private static final Pattern TAIL = Pattern.compile(
            "(?:[\\s,]+(?:is|are|would be|will be)?\\s*(?:a plus|a bonus|preferred|preferably|desirable|desired|nice to have"
                    + "|an advantage|advantageous|required|a must|strongly preferred|highly desirable|helpful|welcome))+\\s*$"
                    + "|[\\s.,;:!]+$",
            Pattern.CASE_INSENSITIVE);
    /** Words that on their own name nothing a recruiter would list. */
    private static final Set<String> GENERIC = Set.of("experience", "equivalent", "related", "field", "similar",
            "other", "relevant", "skill", "skills", "knowledge", "ability", "etc", "area", "areas", "work", "year", "years", "the",
            "and", "or", "a", "an", "of", "in", "role", "setting", "environment", "equivalent experience", "combination");
    /** Heads a list shares: "ACLS and BLS certification" names an ACLS and a BLS certification. */
    private static final Pattern SHARED_HEAD = Pattern.compile(
            "(?i).*\\b(certifications?|certificates?|licen[cs]es?|skills|experience|degrees?|systems|tools|software|programs?)$");
    /** Words after which a list belongs to one thing: "degree in accounting or finance", "tools such as X or Y". */
    private static final Pattern BINDS_LIST = Pattern.compile(
            "(?i)\\b(in|of|from|for|on|at|by|to|toward|towards|within|across|including|such as|like|e\\.g\\.|especially|via|under)\\b");
    private static final Pattern EXAMPLES = Pattern.compile("(?i)(including|such as|e\\.g\\.|especially|like)\\b");
    private static final int NAME_MAX_CHARS = 90;
    private static final int MIN_NAME_CHARS = 2;

    private RequirementNames() {
    }

    /** The things one clause names, each in a few words. */
    static List<String> names(String clause) {
        String text = TAIL.matcher(clean(clause)).replaceAll("");
        text = stripLeadIns(text);
        List<String> names = new ArrayList<>();
        // A colon introduces the items of what stands before it: "Basic networking: TCP/IP, DNS and DHCP".
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            add(names, text.substring(0, colon));
            text = text.substring(colon + 1);
        }
        for (String part : splitList(stripLeadIns(text.strip()))) {
            add(names, part);
        }
        return names;
    }

    private static void add(List<String> names, String part) {
        String name = TAIL.matcher(stripLeadIns(part.strip())).replaceAll("").strip();
        name = name.replaceAll("^[\\s,;:()\\-–—]+|[\\s,;:(\\-–—]+$", "");
        if (name.chars().filter(c -> c == '(').count() > name.chars().filter(c -> c == ')').count()) {
            name = name + ")";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.length() < MIN_NAME_CHARS || GENERIC.contains(lower) || Tokens.of(name).stream().allMatch(RequirementNames::generic)) {
            return;
        }
        names.add(cut(name, NAME_MAX_CHARS));
    }

    private static boolean generic(String token) {
        return GENERIC.contains(token) || Stopwords.contains(token);
    }

    /**
     * A list split into its items, unless it belongs to one thing: after a preposition or an
     * example marker ("degree in accounting or finance", "tools such as X and Y"), or around a
     * spelled-out acronym ("Airframe and Powerplant (A&P)").
     */
    static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        boolean lastByCoordinator = false;
        StringBuilder current = new StringBuilder();
        String[] words = text.split("\\s+");
        int depth = 0;
        boolean bound = false;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String bare = word.toLowerCase(Locale.ROOT).replaceAll("[,;]$", "");
            boolean coordinator = (bare.equals("and") || bare.equals("or") || bare.equals("&") || bare.equals("and/or"))
                    && current.length() > 0;
            if (depth == 0 && !bound && coordinator && !spelledOut(words, i)) {
                items.add(current.toString());
                current.setLength(0);
                lastByCoordinator = true;
                continue;
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
            depth += count(word, '(') - count(word, ')');
            if (depth == 0 && !bound && BINDS_LIST.matcher(" " + bare + " ").find() && i > 0) {
                bound = true;
            }
            if (i + 1 < words.length && words[i + 1].equalsIgnoreCase("as") && bare.equals("such")) {
                bound = true;
            }
            if (depth == 0 && !bound && (word.endsWith(",") || word.endsWith(";"))) {
                current.setLength(current.length() - 1);
                items.add(current.toString());
                current.setLength(0);
                lastByCoordinator = false;
            }
        }
        if (current.length() > 0) {
            items.add(current.toString());
        }
        for (int i = items.size() - 1; i > 0; i--) {
            if (EXAMPLES.matcher(items.get(i).strip()).lookingAt()) {
                items.set(i - 1, items.get(i - 1) + ", " + items.remove(i).strip());
            }
        }
        return lastByCoordinator ? distribute(items) : items;
    }

    /** "ACLS and BLS certification": the last item's head goes to the short item joined to it by "and" or "or". */
    private static List<String> distribute(List<String> items) {
        if (items.size() < 2) {
            return items;
        }
        String last = items.get(items.size() - 1).strip();
        Matcher head = SHARED_HEAD.matcher(last);
        if (!head.matches() || last.split("\\s+").length < 2
                || Tokens.of(last.substring(0, head.start(1))).stream().allMatch(RequirementNames::generic)) {
            return items;
        }
        List<String> out = new ArrayList<>(items.subList(0, items.size() - 2));
        String item = items.get(items.size() - 2).strip();
        out.add(item.split("\\s+").length <= 2 && !item.toLowerCase(Locale.ROOT).endsWith(head.group(1).toLowerCase(Locale.ROOT))
                ? item + " " + head.group(1) : item);
        out.add(last);
        return out;
    }

    /** A coordinator inside a name spelled out before its acronym: "Airframe and Powerplant (A&P)". */
    private static boolean spelledOut(String[] words, int at) {
        for (int k = at + 1; k < Math.min(words.length, at + 4); k++) {
            if (words[k].startsWith("(")) {
                return Character.isUpperCase(words[k - 1].charAt(0)) && Character.isUpperCase(words[at - 1].charAt(0));
            }
        }
        return false;
    }

    private static int count(String word, char c) {
        return (int) word.chars().filter(ch -> ch == c).count();
    }

    private static String stripLeadIns(String text) {
        String stripped = text.strip();
        for (int i = 0; i < 6; i++) {
            Matcher lead = LEAD_IN.matcher(stripped);
            if (!lead.lookingAt() || lead.end() >= stripped.length()) {
                break;
            }
            stripped = stripped.substring(lead.end()).strip();
        }
        return stripped;
    }

    private static String clean(String clause) {
        return clause.replace('’', '\'').replaceAll("\\s+", " ").strip();
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int space = text.lastIndexOf(' ', max - 1);
        return text.substring(0, space > max / 2 ? space : max - 1) + "…";
    }
}
