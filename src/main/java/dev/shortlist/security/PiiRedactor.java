package dev.shortlist.security;

import dev.shortlist.platform.cpu.OffEventLoop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds who a candidate is in a text: the name, contact details (emails, phone numbers,
 * URLs, street addresses), dates of birth, ages, graduation years, honorifics, pronouns,
 * and a stated gender, marital status or nationality. What a reader needs to judge fit
 * (skills, titles, employers, employment dates) stays. The one place that knows what
 * personal data looks like: the local engine sets it aside before it scores, text for a
 * remote model is masked with it, and blind results hide it. Thread-safe.
 *
 * <p>No stretch it finds crosses a line break, so a masked text has the same lines as the
 * original.
 */
public final class PiiRedactor {

    /** Starts only where a run of address characters starts: no retry inside every word of a resume. */
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s<>\"')]+|\\b(?:linkedin\\.com|github\\.com|gitlab\\.com|behance\\.net|dribbble\\.com)/[^\\s<>\"')]+");
    /** Digit groups with the separators phones use; the digits are counted afterwards. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w/])\\+?\\(?\\d[\\d \\t().-]{6,}\\d(?:[ \\t]*(?:ext\\.?|x|extension)[ \\t]*\\d{1,5})?(?![\\w/])", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\d{1,5}[A-Za-z]?,?[ \\t]+(?:[A-Z][\\p{L}'.-]*[ \\t]+){1,4}"
                    + "(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|"
                    + "square|sq|parkway|pkwy|highway|hwy|nagar|marg|colony|layout|cross)\\b\\.?"
                    + "(?:,?[ \\t]+(?i:apt|suite|unit|flat|#)\\.?[ \\t]*\\w+)?"
                    + "(?:,[ \\t]*[A-Z][\\p{L} .'-]{1,30}){0,3}(?:,?[ \\t]*[A-Z]{2})?(?:[ \\t]*\\d{5}(?:-\\d{4})?|[ \\t]*\\d{3}[ \\t]?\\d{3})?");
    private static final Pattern ADDRESS_LINE = Pattern.compile("(?im)^[ \\t]*(?:address|residence|home address|permanent address)[ \\t]*[:\\-][ \\t]*(\\S.*)$");
    private static final Pattern NAME_LINE = Pattern.compile("(?im)^[ \\t]*(?:name|full name|candidate name)[ \\t]*[:\\-][ \\t]*([\\p{L}][\\p{L} .'-]{1,60}?)[ \\t]*$");
    private static final Pattern NAME_FIELD = Pattern.compile("\"name\"\\s*:\\s*\"([^\"\\\\\\n]{2,80})\"");

    /** A capitalised word of a name: "Walsh", "WALSH", "O'Brien", "Hye-jin", an initial "J.". */
    private static final String NAME_WORD = "\\p{Lu}[\\p{L}'’-]*\\.?";
    private static final String PARTICLE = "(?:van|von|de|da|del|della|der|den|di|du|la|le|bin|binti|al|el|dos|das|do|ten|ter|y)";
    /** Two to four name words, with the particles names carry in between. */
    private static final Pattern NAME = Pattern.compile(NAME_WORD + "(?:\\s+(?:" + PARTICLE + "\\s+)*" + NAME_WORD + "){1,3}");
    /** What separates a resume header's parts: "Emily Walsh · Accountant | emily@example.com, Boston". */
    private static final Pattern HEADER_PARTS = Pattern.compile("\\s*(?:[|·•,;\\t/]|\\s[-–—]+\\s|[–—])\\s*");
    /** Markdown a header may be written in: "# Emily Walsh", "**Emily Walsh**". */
    private static final Pattern MARKUP = Pattern.compile("[#*_>`]+");
    /** How many non-blank lines open a resume and may name its candidate. */
    private static final int HEADER_LINES = 4;
    /**
     * Words of job titles, fields and resume headings: a header part with one of them is
     * a title or a heading, not a name. Words that are also common surnames (Baker, Cook,
     * Turner, Walker, Mason, Porter…) are deliberately absent, so that Greg Baker is read
     * as a name like any other.
     */
    private static final Set<String> NOT_NAME_WORDS = Set.of(
            "resume", "résumé", "curriculum", "vitae", "cv", "profile", "summary", "skills", "skill", "education", "experience",
            "objective", "details", "contact", "information", "personal", "about", "career", "professional", "technical",
            "work", "employment", "history", "references", "certifications", "certification", "languages", "projects",
            "achievements", "company", "name", "city", "state", "country",
            "developer", "engineer", "engineering", "manager", "management", "analyst", "designer", "consultant",
            "executive", "specialist", "coordinator", "administrator", "admin", "assistant", "associate", "officer",
            "director", "head", "lead", "senior", "sr", "junior", "jr", "chief", "principal", "intern", "trainee",
            "apprentice", "supervisor", "technician", "architect", "scientist", "accountant", "accounts", "accounting",
            "auditor", "clerk", "controller", "bookkeeper", "cashier", "nurse", "nursing", "physician", "therapist",
            "pharmacist", "paramedic", "caregiver", "teacher", "tutor", "lecturer", "professor", "instructor", "educator",
            "chef", "sous", "cuisine", "culinary", "pastry", "kitchen", "bartender", "waiter", "waitress", "hostess",
            "housekeeper", "receptionist", "secretary", "representative", "rep", "agent", "advisor", "adviser",
            "counselor", "counsellor", "recruiter", "generalist", "partner", "sales", "marketing", "finance", "financial",
            "business", "operations", "software", "data", "web", "network", "systems", "system", "security", "cloud",
            "devops", "hr", "human", "resources", "customer", "service", "services", "support", "product", "project",
            "program", "programme", "quality", "qa", "test", "tester", "mechanical", "civil", "electrical", "structural",
            "industrial", "chemical", "production", "maintenance", "construction", "site", "medical", "clinical",
            "dental", "legal", "attorney", "lawyer", "advocate", "paralegal", "counsel", "attendant", "flight",
            "aviation", "mechanic", "electrician", "plumber", "welder", "operator", "machinist", "inspector", "surveyor",
            "merchandiser", "stylist", "photographer", "artist", "editor", "journalist", "producer", "animator",
            "illustrator", "fitness", "public", "relations", "communications", "media", "digital", "content", "social",
            "graphic", "interior", "fashion", "apparel", "agriculture", "agricultural", "agronomist", "banking",
            "insurance", "investment", "credit", "loan", "tax", "payroll", "payable", "receivable", "billing",
            "purchasing", "procurement", "logistics", "supply", "chain", "warehouse", "inventory", "retail",
            "restaurant", "hotel", "hospitality", "administrative", "office", "volunteer", "freelance", "registered",
            "certified", "licensed", "general", "regional", "national", "district", "territory", "account", "client",
            "student", "graduate", "candidate", "applicant", "expert", "staff", "team", "java", "python", "sql", "sap",
            "hadoop", "etl", "blockchain", "mba", "phd", "science", "learning", "machine", "automation", "design",
            "president", "vice", "owner", "franchise", "aide", "therapy", "technologist", "tech", "programmer",
            "database", "informatics", "improvement", "continuous", "membership", "inpatient", "outpatient", "fellow",
            "volunteering", "international", "leadership", "strategic", "risk", "oversight", "division", "planner",
            "physical", "healthcare", "health", "safety", "occupational", "resource", "personnel", "baggage",
            "process", "key", "position", "applying", "microsoft", "google", "windows", "excel", "core",
            "strengths", "highlights", "overview", "accomplishments", "expertise", "competencies", "united", "states",
            "university", "college", "school", "institute", "academy", "hospital", "clinic", "bank", "group", "inc",
            "ltd", "llc", "corporation", "solutions", "technologies", "army", "navy", "force", "department", "county");

    /** Words a resume section's heading starts with. */
    private static final Set<String> SECTION_WORDS = Set.of("summary", "profile", "experience", "education", "skills",
            "skill", "objective", "employment", "details", "history", "qualifications", "certifications", "projects",
            "highlights", "overview", "strengths", "accomplishments", "expertise", "focus", "competencies", "interests",
            "activities", "training", "affiliations", "awards", "honors", "publications", "languages", "references",
            "achievements", "information", "statement", "applying", "me");

    /** An honorific before a name: "Ms Walsh", "Dr. Jones". */
    private static final Pattern HONORIFIC = Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS)\\.?(?=[ \\t]+\\p{Lu})"
            // "Ms Office", "Ms Excel": Microsoft, as resumes write it.
            + "(?![ \\t]+(?i:office|excel|word|project|access|power\\w*|outlook|visio|sql|dynamics|teams|windows|share\\w*|"
            + "publisher|dos|azure|paint|onenote)\\b)");
    private static final String DATE = "(?:\\d{1,2}(?:st|nd|rd|th)?[ \\t./-]+(?:\\d{1,2}|\\p{L}{3,9}\\.?)[ \\t.,/-]+\\d{2,4}"
            + "|\\p{L}{3,9}\\.?[ \\t]+\\d{1,2}(?:st|nd|rd|th)?,?[ \\t]+\\d{4}|\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}|(?:\\p{L}{3,9}[ \\t]+)?\\d{4})";
    private static final Pattern BIRTH_DATE = Pattern.compile(
            "(?i)\\b(?:date[ \\t]+of[ \\t]+birth|birth[ \\t]?date|d\\.?o\\.?b\\.?|born(?:[ \\t]+on|[ \\t]+in)?)[ \\t]*[:\\-]?[ \\t]*(" + DATE + ")");
    private static final Pattern AGE = Pattern.compile(
            "(?i)\\bage[d]?[ \\t]*[:\\-]?[ \\t]*(\\d{2})\\b|\\b\\d{2}[ \\t]*(?:years?|yrs?)[ \\t-]*old\\b");
    /** A stated gender, marital status or nationality: the value goes, the label stays. */
    private static final Pattern STATED = Pattern.compile(
            "(?i)\\b(gender|sex|marital[ \\t]+status|nationality)[ \\t]*(?::|[ \\t]-)[ \\t]*(\\p{L}[\\p{L}-]*)");
    /** A line about a degree or a school: its years say when the candidate studied, a proxy for age. */
    private static final Pattern EDUCATION_LINE = Pattern.compile(
            "(?i:\\b(?:bachelor|master|doctorate|diploma|degree|universit|college|school|institute|academy|polytechnic|"
                    + "graduat|class of|c?gpa|matriculation|a-levels?|gcse|secondary|hsc|ssc|cbse))"
                    + "|\\b(?:B\\.?(?:Sc|Tech|Com|Ed|Eng|A|S|E|BA|CA)|M\\.?(?:Sc|Tech|Com|Ed|Eng|A|S|BA|CA|Phil)|MBA|Ph\\.?D)\\b");
    private static final int MIN_PHONE_DIGITS = 10;
    private static final int MAX_PHONE_DIGITS = 15;
    /** A local number ("555-0161", "+1 555 0142"): fewer digits, but the usual three-and-four ending. */
    private static final int MIN_LOCAL_PHONE_DIGITS = 7;
    private static final Pattern LOCAL_NUMBER = Pattern.compile("\\d{3}[ .-]\\d{4}$");
    /** Resume headers are short; a longer line is a resume on one line, or a list. */
    private static final int HEADER_LINE_MAX_CHARS = 160;

    public Redaction redact(String text) {
        OffEventLoop.check("PII masking");
        // Most patterns need a word most resumes lack: looked for first, so a resume is read by few patterns.
        String lower = text.toLowerCase(Locale.ROOT);
        List<Redaction.Span> hits = new ArrayList<>();
        if (text.indexOf('@') >= 0) {
            find(EMAIL, text, "email", hits);
        }
        if (containsAny(lower, URL_WORDS)) {
            find(URL, text, "url", hits);
        }
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            if (isPhone(phone.group())) {
                hits.add(new Redaction.Span(phone.start(), phone.end(), "phone"));
            }
        }
        find(ADDRESS, text, "address", hits);
        findGroup(ADDRESS_LINE, 1, text, "address", hits);
        candidateNames(text).forEach(name -> {
            Matcher mention = Pattern.compile("(?<!\\p{L})" + Pattern.quote(name).replace(" ", "\\E[ \\t]+\\Q") + "(?!\\p{L})",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
            while (mention.find()) {
                hits.add(new Redaction.Span(mention.start(), mention.end(), "name"));
            }
        });
        Set<String> words = wordsAndPronouns(text, hits);
        if (containsAny(words, HONORIFIC_WORDS)) {
            find(HONORIFIC, text, "honorific", hits);
        }
        if (containsAny(words, BIRTH_WORDS) || lower.contains("d.o.b")) {
            findGroup(BIRTH_DATE, 1, text, "date", hits);
        }
        if (containsAny(words, AGE_WORDS)) {
            Matcher age = AGE.matcher(text);
            while (age.find()) {
                int group = age.group(1) != null ? 1 : 0;
                hits.add(new Redaction.Span(age.start(group), age.end(group), "age"));
            }
        }
        if (containsAny(words, STATED_WORDS)) {
            Matcher stated = STATED.matcher(text);
            while (stated.find()) {
                String label = stated.group(1).toLowerCase(Locale.ROOT);
                hits.add(new Redaction.Span(stated.start(2), stated.end(2),
                        label.startsWith("marital") ? "marital" : label.equals("nationality") ? "nationality" : "gender"));
            }
        }
        graduationYears(text, hits);
        return Redaction.of(text, hits);
    }

    private static final List<String> URL_WORDS = List.of("http", "www.", "linkedin.com", "github.com", "gitlab.com",
            "behance.net", "dribbble.com");
    /** Words (as written, or in lower case) without which a pattern cannot match: the pattern is skipped. */
    private static final List<String> HONORIFIC_WORDS = List.of("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "MR", "MRS");
    private static final List<String> BIRTH_WORDS = List.of("birth", "birthdate", "dob", "born");
    private static final List<String> AGE_WORDS = List.of("age", "aged", "old");
    private static final List<String> STATED_WORDS = List.of("gender", "sex", "marital", "nationality");
    private static final Set<String> PRONOUNS = Set.of("she", "he", "her", "hers", "herself", "him", "his", "himself",
            "they", "them", "their", "theirs", "themselves", "themself");

    private static boolean containsAny(String text, List<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(Set<String> present, List<String> words) {
        for (String word : words) {
            if (present.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One pass over the text's words: each pronoun is a hit; the words are returned, as written
     * and in lower case, so that the patterns that need one can be skipped when it is absent.
     */
    private static Set<String> wordsAndPronouns(String text, List<Redaction.Span> hits) {
        Set<String> words = new HashSet<>();
        int at = 0;
        int length = text.length();
        while (at < length) {
            if (!Character.isLetter(text.charAt(at))) {
                at++;
                continue;
            }
            int end = at + 1;
            while (end < length && Character.isLetter(text.charAt(end))) {
                end++;
            }
            boolean wordStart = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)) && text.charAt(at - 1) != '_';
            boolean wordEnd = end == length || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_';
            String word = text.substring(at, end);
            String lower = word.toLowerCase(Locale.ROOT);
            words.add(word);
            words.add(lower);
            if (wordStart && wordEnd && PRONOUNS.contains(lower)) {
                hits.add(new Redaction.Span(at, end, "pronoun"));
            }
            at = end;
        }
        return words;
    }

    private static void find(Pattern pattern, String text, String kind, List<Redaction.Span> hits) {
        findGroup(pattern, 0, text, kind, hits);
    }

    private static void findGroup(Pattern pattern, int group, String text, String kind, List<Redaction.Span> hits) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            hits.add(new Redaction.Span(matcher.start(group), matcher.end(group), kind));
        }
    }

    /** Years on lines about degrees and schools: each year found, then whether its line is about one. */
    private static void graduationYears(String text, List<Redaction.Span> hits) {
        int checkedLine = -1;
        boolean education = false;
        int length = text.length();
        for (int at = 0; at + 4 <= length; at++) {
            char first = text.charAt(at);
            if ((first != '1' && first != '2') || (at > 0 && Character.isDigit(text.charAt(at - 1)))) {
                continue;
            }
            if (!isYear(text, at)) {
                continue;
            }
            int lineStart = text.lastIndexOf('\n', at) + 1;
            if (lineStart != checkedLine) {
                int lineEnd = text.indexOf('\n', at);
                education = EDUCATION_LINE.matcher(text).region(lineStart, lineEnd < 0 ? length : lineEnd).find();
                checkedLine = lineStart;
            }
            if (education) {
                hits.add(new Redaction.Span(at, at + 4, "date"));
            }
            at += 3;
        }
    }

    /** 19xx or 20xx, not inside a longer number. */
    private static boolean isYear(String text, int at) {
        String century = text.substring(at, at + 2);
        return (century.equals("19") || century.equals("20")) && Character.isDigit(text.charAt(at + 2))
                && Character.isDigit(text.charAt(at + 3)) && (at + 4 == text.length() || !Character.isDigit(text.charAt(at + 4)));
    }

    /**
     * 10 to 15 digits (7 for a local number), and not a run of years ("2012 - 2016 2018") or a date
     * ("12.05.2019 - 13.06.2020"): the usual false friends of a phone pattern in a resume.
     */
    static boolean isPhone(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        boolean local = digits.length() >= MIN_LOCAL_PHONE_DIGITS && LOCAL_NUMBER.matcher(candidate).find();
        if ((digits.length() < MIN_PHONE_DIGITS && !local) || digits.length() > MAX_PHONE_DIGITS) {
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
     * The candidate's name, as each place gives it: a "Name:" line, a profile's {@code "name"}
     * field, and the first part of the resume's opening lines (before any heading) that is two
     * to four capitalised words and no title or heading: "Emily Walsh", "JAMAL JONES — Line
     * Cook", "# Hye-jin Park", "Michael Chen, CPA", a title line then "Rosa Martinelli · Buffalo".
     */
    static List<String> candidateNames(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher labelled = NAME_LINE.matcher(text);
        if (labelled.find()) {
            add(names, labelled.group(1));
        }
        Matcher field = NAME_FIELD.matcher(text);
        if (field.find() && !field.group(1).isBlank()) {
            add(names, field.group(1));
        }
        headerName(text).ifPresent(name -> add(names, name));
        return List.copyOf(names.values());
    }

    private static void add(Map<String, String> names, String name) {
        String spaced = name.strip().replaceAll("\\s+", " ");
        names.putIfAbsent(spaced.toLowerCase(Locale.ROOT), spaced);
    }

    private static Optional<String> headerName(String text) {
        int seen = 0;
        for (String line : text.split("\\R", 40)) {
            if (line.isBlank()) {
                continue;
            }
            if (++seen > HEADER_LINES) {
                break;
            }
            String plain = MARKUP.matcher(line).replaceAll(" ").strip();
            if (opensSection(plain)) {
                break;
            }
            if (plain.length() > HEADER_LINE_MAX_CHARS) {
                continue;
            }
            for (String part : HEADER_PARTS.split(plain)) {
                String candidate = HONORIFIC.matcher(part.strip()).replaceFirst("").strip().replaceAll("\\s+", " ");
                if (NAME.matcher(candidate).matches() && !hasNotNameWord(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A heading ("Education Details", "Areas of Expertise", "KEY SKILLS") or a line that opens
     * with one ("Skills • Java, Spring Boot", "Summary: …"): the header is over.
     */
    private static boolean opensSection(String line) {
        String[] words = line.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        if (words.length == 0 || words[0].isEmpty()) {
            return false;
        }
        if (SECTION_WORDS.contains(words[0])) {
            return true;
        }
        boolean onePart = HEADER_PARTS.split(line.strip()).length == 1;
        return onePart && words.length <= 4 && SECTION_WORDS.contains(words[words.length - 1]);
    }

    private static boolean hasNotNameWord(String candidate) {
        for (String word : candidate.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (NOT_NAME_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
