package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every requirement a posting states, whatever its field and its layout: bullets under
 * headings, one paragraph, or a long posting (its boilerplate already set aside by
 * {@link Boilerplate}). Generic rules, no list of skills: a posting is cut into sentences and
 * clauses; a clause is a requirement when it sits under a requirements heading or after an
 * inline "Requirements:", or when it says what a candidate must have (experience, a degree, a
 * licence, knowledge of…); it is preferred when its own clause says so ("preferred", "a plus",
 * "nice to have"), or under a preferred heading. Duties ("you will…", a responsibilities
 * section) are not requirements. A clause is then cut into the things it names: lead-ins
 * ("working knowledge of", "experience with") dropped, lists split ("TCP/IP, DNS and DHCP"),
 * a shared head distributed ("ACLS and BLS certification" names two certifications), and
 * the years it asks read, in digits or words ("3+ years", "five years of", "minimum 2 yrs").
 */
final class RequirementReader {

    /** What a posting asks: the requirements it names, and the years it asks with the clause that asks them. */
    record Read(List<StatedRequirement> requirements, OptionalDouble years, String yearsClause) {
    }

    private enum Section { NONE, REQUIRED, PREFERRED, DUTIES, OTHER }

    private static final String REQUIRED_HEADINGS = "requirements|required|required skills|qualifications|minimum qualifications"
            + "|basic qualifications|must have|must-have|what you need|what you'll need|what you bring|what we're looking for"
            + "|who you are|skills|skills and qualifications|education and experience|experience|education|certifications"
            + "|licenses|you have|you bring|your profile|ideal candidate|the ideal candidate";
    private static final String PREFERRED_HEADINGS = "preferred|preferred qualifications|preferred skills|nice to have|nice-to-have"
            + "|bonus( points)?|pluses|desired|desired skills|desirable|good to have|additional skills|extra credit|a plus";
    private static final String DUTY_HEADINGS = "responsibilities|key responsibilities|duties|what you'll do|what you will do"
            + "|about the role|the role|job description|your role|day to day|in this role|the job|overview|summary";
    private static final Pattern REQUIRED_HEADING = heading(REQUIRED_HEADINGS);
    private static final Pattern PREFERRED_HEADING = heading(PREFERRED_HEADINGS);
    private static final Pattern DUTY_HEADING = heading(DUTY_HEADINGS);
    /**
     * A posting's first line that names the job, then lists what it asks: "Java developer: Spring
     * Boot, PostgreSQL, Kafka, Docker" (a one-line posting). The name is a few words, no sentence.
     */
    private static final Pattern TITLE_THEN_LIST = Pattern.compile("^(\\p{L}[^:.!?;]{1,60}?)\\s*:\\s*(\\S.*)$");
    private static final int TITLE_MAX_WORDS = 6;
    /** The stop or spaces that end a one-line posting's list: not part of its last item. */
    private static final Pattern LIST_END = Pattern.compile("[\\s.;:,]+$");
    /** What stands before a colon without being the job's name: a heading, or a field of the posting ("Location: Berlin"). */
    private static final Pattern NOT_A_TITLE = Pattern.compile("(?i)^(?:" + REQUIRED_HEADINGS + "|" + PREFERRED_HEADINGS + "|"
            + DUTY_HEADINGS + "|job title|title|position|position title|role|category|field|company|employer|department|team"
            + "|location|salary|pay|compensation|schedule|hours|start date|reports to|job type|employment type|contract|type"
            + "|we need|what you need|must have|apply|to apply|note|about us|benefits|perks)$");
    /** Any short line that reads as a heading. */
    private static final Pattern HEADING = Pattern.compile("^[\\s\\p{Punct}•]*[\\p{L}][\\p{L} '’&/-]{2,40}:?\\s*$");
    /** "Requirements:" or "Preferred:" opening a sentence inside a paragraph. */
    private static final Pattern INLINE_REQUIRED = Pattern.compile(
            "^(requirements|required|qualifications|minimum qualifications|must have|you have|you bring|we need|what you need)\\s*:\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_PREFERRED = Pattern.compile(
            "^(preferred|nice to have|nice-to-have|bonus( points)?|pluses|desired|a plus)\\s*:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFERRED_CUE = Pattern.compile(
            "\\b(preferred|preferably|a plus|is a plus|nice to have|nice-to-have|bonus|desirable|desired|good to have|advantage"
                    + "|advantageous|ideally|not required|optional)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A sentence about the work, not the candidate. */
    private static final Pattern DUTY_CUE = Pattern.compile(
            "\\b(you will|you'll|you’ll|in this role|responsibilities include|your day|we are hiring|we're hiring|we are looking"
                    + "|we're looking|we are seeking|join our|join us)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "We need…", "You have…", "The ideal candidate has…": what follows is asked of the candidate. */
    private static final Pattern ASKING = Pattern.compile(
            "^(?:we|you|the ideal candidate|the successful candidate|candidates?|applicants?)\\s+(?:will\\s+)?"
                    + "(?:need|needs|require|requires|want|expect|must have|should have|have|has|hold|holds|bring|brings"
                    + "|are looking for|'re looking for|’re looking for|are seeking|seek)\\s+"
                    + "(?:(?:an?|someone|a candidate|candidates|people|a person)\\s+(?:with|who (?:has|have|holds?)|holding)\\s+)?",
            Pattern.CASE_INSENSITIVE);
    /** A sentence that says what a candidate must have, wherever it stands. */
    private static final Pattern REQUIREMENT_CUE = Pattern.compile(
            "\\b(experience|experienced|degree|diploma|license|licence|licensed|certification|certificate|certified|knowledge"
                    + "|proficien\\w*|familiar\\w*|ability to|able to|skills|must|required|years?|yrs?|qualification\\w*"
                    + "|background in|understanding of|expertise)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^[\\s\\-*•·–—>o]+(?=\\S)");
    /** A sentence ends at a full stop, question or exclamation mark before a capital, digit or bullet. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d•(\"“])|\\s+(?=•)");
    private static final Pattern CLAUSE_END = Pattern.compile("\\s*;\\s*");

    private static final String NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen";
    /** "3+ years", "3-5 years", "five years", "two or more years", "minimum 2 yrs", "at least one year". */
    private static final Pattern YEARS = Pattern.compile(
            "(?:(?:at least|minimum(?: of)?|min\\.?|a minimum of|over|more than)\\s+)?\\b(\\d{1,2}|" + NUMBER_WORDS + ")"
                    + "\\s*(?:\\+|plus)?\\s*(?:(?:-|–|to)\\s*(?:\\d{1,2}|" + NUMBER_WORDS + ")\\s*)?(?:\\(\\d{1,2}\\)\\s*)?"
                    + "(?:or more\\s+|\\+\\s*)?(?:full[- ]time\\s+|professional\\s+)?(?:years?|yrs?)\\b(?:\\s*\\+)?"
                    + "(?:\\s+of)?(?:\\s+(?:professional|relevant|progressive|hands-on|proven|related|recent))?"
                    + "(?:\\s+(?:experience|work experience))?(?:\\s+(?:in|as|with|of|working|doing|on))?",
            Pattern.CASE_INSENSITIVE);
    /** "for 20 years", "over 10 years in business": a span of time the posting tells of, not one it asks for. */
    private static final Pattern SPAN_BEFORE = Pattern.compile("\\b(?:for|since|nearly|almost|within|after|every|per|in)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_YEARS_ASKED = 15;
    /** "12 years ago", "20 years old": an age, not years asked. */
    private static final Pattern SPAN_AFTER = Pattern.compile("\\s*(?:ago|old)\\b", Pattern.CASE_INSENSITIVE);
    /** A sentence telling the employer's story: "Founded 12 years ago", "for over 20 years we have…". */
    private static final Pattern SPAN = Pattern.compile(
            "\\b\\d{1,3}\\+?\\s+years?\\s+(?:ago|old)\\b|\\bfounded\\b"
                    + "|\\b(?:for|since)\\s+(?:over\\s+|more than\\s+|nearly\\s+)?\\d{1,3}\\+?\\s+years\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern NOT_A_REQUIREMENT = Pattern.compile(
            "(?i)^(?:we|our|this|the company|the team|you will|you'll|salary|pay|compensation|location|schedule|hours|start date"
                    + "|reports to|apply|to apply|please|send|job type|employment type)\\b");
    private static final int MAX_REQUIREMENTS = 40;

    private RequirementReader() {
    }

    /** A heading line naming one of the alternatives ("Requirements", "Nice to have:"), with a few words after it. */
    static Pattern heading(String alternatives) {
        return Pattern.compile("^[\\s\\p{Punct}•]*(" + alternatives + ")\\b[^\\n]{0,30}$", Pattern.CASE_INSENSITIVE);
    }

    static Read read(String body) {
        List<StatedRequirement> requirements = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        OptionalDouble years = OptionalDouble.empty();
        String yearsClause = "";
        Section section = Section.NONE;
        String[] lines = body.replace("\r\n", "\n").split("\n");
        int firstContent = firstContentLine(lines);
        for (int index = 0; index < lines.length; index++) {
            String line = BULLET.matcher(lines[index].strip()).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            // A heading is short and does not end a sentence: "Experience with QuickBooks." is a requirement.
            boolean shortLine = line.length() < 60 && !line.endsWith(".") && line.split("\\s+").length <= 6;
            Matcher labelled = LABELLED.matcher(line);
            Section named = shortLine && labelled.matches() ? sectionNamed(labelled.group(1)) : null;
            if (named != null) {
                // "Skills: Excel, QuickBooks": a heading and, on its own line, what it heads.
                section = named;
                line = labelled.group(2);
            } else if (shortLine && PREFERRED_HEADING.matcher(line).matches()) {
                section = Section.PREFERRED;
                continue;
            } else if (shortLine && REQUIRED_HEADING.matcher(line).matches()) {
                section = Section.REQUIRED;
                continue;
            } else if (shortLine && DUTY_HEADING.matcher(line).matches()) {
                section = Section.DUTIES;
                continue;
            } else if (shortLine && line.endsWith(":") && HEADING.matcher(line).matches()) {
                section = Section.OTHER;
                continue;
            }
            Section inLine = section;
            TitledList titled = named == null && index == firstContent ? titledList(line) : null;
            if (titled != null) {
                // "Java developer: Spring Boot, PostgreSQL, Kafka": the title, then what the job asks.
                line = titled.list();
                if (inLine != Section.PREFERRED) {
                    inLine = Section.REQUIRED;
                }
            } else if (named == null && index == firstContent && line.length() <= 80 && !REQUIREMENT_CUE.matcher(line).find()) {
                continue; // the title
            }
            for (String sentence : SENTENCE_END.split(line)) {
                String s = sentence.strip();
                Matcher opening = ASKING.matcher(s);
                if (opening.lookingAt() && opening.end() < s.length()) {
                    s = s.substring(opening.end());
                    if (inLine != Section.PREFERRED) {
                        inLine = Section.REQUIRED;
                    }
                }
                Matcher required = INLINE_REQUIRED.matcher(s);
                Matcher preferred = INLINE_PREFERRED.matcher(s);
                if (required.lookingAt()) {
                    inLine = Section.REQUIRED;
                    s = s.substring(required.end());
                } else if (preferred.lookingAt()) {
                    inLine = Section.PREFERRED;
                    s = s.substring(preferred.end());
                }
                boolean asked = inLine == Section.REQUIRED || inLine == Section.PREFERRED
                        || ((inLine == Section.NONE || inLine == Section.OTHER) && !SPAN.matcher(s).find()
                                && (REQUIREMENT_CUE.matcher(s).find() || PREFERRED_CUE.matcher(s).find()));
                if (!asked || DUTY_CUE.matcher(s).find() || NOT_A_REQUIREMENT.matcher(s).find()) {
                    continue;
                }
                for (String clause : CLAUSE_END.split(s)) {
                    boolean isPreferred = inLine == Section.PREFERRED || PREFERRED_CUE.matcher(clause).find();
                    String rest = clause;
                    Matcher y = YEARS.matcher(clause);
                    while (y.find()) {
                        String before = clause.substring(0, y.start());
                        double asking = number(y.group(1));
                        if (SPAN_BEFORE.matcher(before).find() || SPAN_AFTER.matcher(clause.substring(y.end())).lookingAt()
                                || asking <= 0 || asking > MAX_YEARS_ASKED) {
                            continue;
                        }
                        if (!isPreferred && years.isEmpty()) {
                            years = OptionalDouble.of(asking);
                            yearsClause = segment(clause, y.start(), y.end());
                        }
                        rest = rest.replace(y.group(), " ");
                    }
                    for (String name : RequirementNames.names(rest)) {
                        String key = name.toLowerCase(Locale.ROOT);
                        if (seen.putIfAbsent(key, isPreferred) == null && requirements.size() < MAX_REQUIREMENTS) {
                            requirements.add(new StatedRequirement(name, isPreferred, RequirementNames.cut(clause.strip(), 240)));
                        }
                    }
                }
            }
        }
        return new Read(List.copyOf(requirements), years, yearsClause);
    }

    /** A short line that a heading opens, then what it heads: "Skills: Excel, QuickBooks". */
    private static final Pattern LABELLED = Pattern.compile("^([^:]{2,40}):\\s*(\\S.*)$");
    private static final Pattern REQUIRED_NAME = Pattern.compile("(?i)^\\s*(?:" + REQUIRED_HEADINGS + ")\\s*$");
    private static final Pattern PREFERRED_NAME = Pattern.compile("(?i)^\\s*(?:" + PREFERRED_HEADINGS + ")\\s*$");
    private static final Pattern DUTY_NAME = Pattern.compile("(?i)^\\s*(?:" + DUTY_HEADINGS + ")\\s*$");

    /** The section a heading's words name exactly, or null. */
    private static Section sectionNamed(String words) {
        if (PREFERRED_NAME.matcher(words).matches()) {
            return Section.PREFERRED;
        }
        if (REQUIRED_NAME.matcher(words).matches()) {
            return Section.REQUIRED;
        }
        return DUTY_NAME.matcher(words).matches() ? Section.DUTIES : null;
    }

    /** A first line that names the job and lists what it asks: the job's name, and the list after the colon. */
    record TitledList(String title, String list) {
    }

    /** The job's name and the list after it when the line is written "Java developer: Spring Boot, PostgreSQL"; else null. */
    static TitledList titledList(String line) {
        Matcher titled = TITLE_THEN_LIST.matcher(line.strip());
        if (!titled.matches()) {
            return null;
        }
        String title = titled.group(1).strip();
        if (title.split("\\s+").length > TITLE_MAX_WORDS || NOT_A_TITLE.matcher(title).matches()) {
            return null;
        }
        String list = LIST_END.matcher(titled.group(2)).replaceAll("");
        return list.isEmpty() ? null : new TitledList(title, list);
    }

    private static double number(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (Character.isDigit(w.charAt(0))) {
            return Integer.parseInt(w);
        }
        return List.of(NUMBER_WORDS.split("\\|")).indexOf(w) + 1;
    }

    /** The comma-delimited part of a clause around a match: "3+ years ICU experience" of a longer list. */
    private static String segment(String clause, int start, int end) {
        int from = Math.max(clause.lastIndexOf(',', start) + 1, clause.lastIndexOf(':', start) + 1);
        int to = clause.indexOf(',', end);
        String part = clause.substring(from, to < 0 ? clause.length() : to).strip();
        return part.replaceAll("[.;]+$", "");
    }

    private static int firstContentLine(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }

}
