package dev.shortlist.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versions of one resume that differ only in who the candidate is, as resume audit studies
 * build them: the same header line and text with another name (across groups associated
 * with gender and ethnicity), other contact details, other pronouns, another age or
 * graduation year. Whatever the version, a fair engine gives the same score.
 */
public final class Counterfactuals {

    /** The names of the best-known resume audit study (Bertrand and Mullainathan, 2004). */
    public static final List<String> AUDIT_NAMES = List.of("Emily Walsh", "Greg Baker", "Lakisha Washington", "Jamal Jones");
    /** More names across genders and origins, in the ways resumes write them. */
    public static final List<String> MORE_NAMES = List.of("Mei Ling Chen", "José García", "Aaliyah Robinson",
            "DeShawn Jackson", "Fatima Al-Sayed", "Priya Venkataraman", "Olusegun Adeyemi", "Anna Kowalska",
            "Connor O'Brien", "Ana María de la Cruz", "Hiroshi Tanaka", "Nguyen Van Minh", "LAKISHA WASHINGTON",
            "Ms. Emily Walsh", "Mr. Jamal Jones", "Dr. Hiroshi Tanaka");

    /** A contact line: email, phone, profile link, street address. */
    public record Contact(String email, String phone, String link, String address) {
    }

    public static final List<Contact> CONTACTS = List.of(
            new Contact("emily.walsh@example.com", "(555) 010-4477", "linkedin.com/in/emilywalsh",
                    "12 Elm Street, Springfield, IL 62704"),
            new Contact("jjones1987@example.org", "+1 415 555 0134", "https://github.com/jamaljones",
                    "4417 Martin Luther King Jr Boulevard, Atlanta, GA 30310"),
            new Contact("l.washington@mail.example.net", "555-0123", "www.lakisha-washington.example.com",
                    "88 Orchard Lane, Portland, OR 97205"));

    /** She, he and they, in the same sentence. */
    public static final List<String> PRONOUN_LINES = List.of(
            "She led her team of five; colleagues say she trained every new hire. Ask her former manager.",
            "He led his team of five; colleagues say he trained every new hire. Ask his former manager.",
            "They led their team of five; colleagues say they trained every new hire. Ask their former manager.");

    /** Birth dates and ages thirty years apart. */
    public static final List<String> AGE_LINES = List.of(
            "Date of birth: 14 March 1968 · Age: 58",
            "Date of birth: 02/11/1984 · Age: 42",
            "Date of birth: 1999 · Age: 27");

    /** The same degree finished in different years. */
    public static final List<String> GRADUATION_LINES = List.of(
            "B.A. Economics, Riverside State University, 1989 – 1993\nHigh school diploma, class of 1989",
            "B.A. Economics, Riverside State University, 2004 – 2008\nHigh school diploma, class of 2004",
            "B.A. Economics, Riverside State University, 2015 – 2019\nHigh school diploma, class of 2015");

    private static final Contact SAME_CONTACT = CONTACTS.get(0);

    private Counterfactuals() {
    }

    /** The resume under a header naming the candidate, with one contact line. */
    public static String withHeader(String resume, String name, Contact contact) {
        return name + "\n" + contact.email() + " · " + contact.phone() + " · " + contact.link() + "\n"
                + contact.address() + "\n\n" + resume;
    }

    public static List<String> byName(String resume, List<String> names) {
        return names.stream().map(name -> withHeader(resume, name, SAME_CONTACT)).toList();
    }

    public static List<String> byContact(String resume) {
        return CONTACTS.stream().map(contact -> withHeader(resume, "Emily Walsh", contact)).toList();
    }

    /** The pronoun sentence just under the header, where the engine reads the resume's opening. */
    public static List<String> byPronoun(String resume) {
        return PRONOUN_LINES.stream().map(line -> withHeader(line + "\n" + resume, "Jamal Jones", SAME_CONTACT)).toList();
    }

    public static List<String> byAge(String resume) {
        return AGE_LINES.stream().map(line -> "Greg Baker\n" + line + "\n" + SAME_CONTACT.email() + "\n\n" + resume).toList();
    }

    public static List<String> byGraduationYear(String resume) {
        return GRADUATION_LINES.stream().map(line -> withHeader(resume, "Lakisha Washington", SAME_CONTACT)
                + "\n\nEducation\n" + line + "\n").toList();
    }

    /** The resume with its own candidate's name (every mention, in its case) replaced by each name. */
    public static List<String> renamed(String resume, String ownName, List<String> names) {
        List<String> versions = new ArrayList<>();
        Pattern own = Pattern.compile(Pattern.quote(ownName), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        for (String name : names) {
            Matcher mention = own.matcher(resume);
            StringBuilder out = new StringBuilder();
            while (mention.find()) {
                boolean upper = mention.group().equals(mention.group().toUpperCase(Locale.ROOT));
                mention.appendReplacement(out, Matcher.quoteReplacement(upper ? name.toUpperCase(Locale.ROOT) : name));
            }
            mention.appendTail(out);
            versions.add(out.toString());
        }
        return versions;
    }
}
