package dev.shortlist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    @Test
    void contactDetailsAndTheNameAreMaskedAndCounted() {
        Redaction redaction = redactor.redact("""
                Priya Raman
                priya.raman+jobs@mail.example.co.uk | +44 20 7946 0958 | linkedin.com/in/priyaraman
                221 Baker Street, London
                Senior Java Developer, Acme (2016 - 2025). Priya Raman led the payments team.
                """);

        assertThat(redaction.text()).isEqualTo("""
                [name]
                [email] | [phone] | [url]
                [address]
                Senior Java Developer, Acme (2016 - 2025). [name] led the payments team.
                """);
        assertThat(redaction.masked()).isEqualTo(Map.of("name", 2, "email", 1, "phone", 1, "url", 1, "address", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+91 98765 43210", "(415) 555-0134", "415.555.0134", "+1-415-555-0134 ext. 12",
            "020 7946 0958", "+49 30 901820", "9876543210", "+33 1 42 68 53 00"})
    void phoneNumbersInTheirUsualFormatsAreMasked(String phone) {
        assertThat(redactor.redact("Phone: " + phone + ".").text()).isEqualTo("Phone: [phone].");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012 - 2016 2018 2019", "01.05.2019 - 30.06.2020", "Java 17, Spring 6.1, 2019-2024",
            "increased revenue by 1,200,000 USD"})
    void yearsDatesAndFiguresAreNotPhones(String text) {
        assertThat(redactor.redact(text).masked()).doesNotContainKey("phone");
    }

    @Test
    void aProfilesNameFieldNamesTheCandidate() {
        Redaction redaction = redactor.redact("{\"name\":\"Ada Park\",\"summary\":\"Ada Park builds billing systems\"}");

        assertThat(redaction.text()).doesNotContain("Ada Park");
        assertThat(redaction.masked()).containsEntry("name", 2);
    }

    @Test
    void aFirstLineThatIsAJobTitleIsNotTakenForAName() {
        assertThat(redactor.redact("Senior Java Developer\nSpring and SQL").text()).startsWith("Senior Java Developer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Greg Baker\nAccountant", "JAMAL JONES — Line Cook", "# Lakisha Washington\nNurse",
            "Accounts Payable Clerk\nEmily Walsh · Buffalo, NY", "Ms. Emily Walsh, CPA", "Ana María de la Cruz | Teacher",
            "Name:\tConnor O'Brien"})
    void theCandidatesNameIsFoundInTheWaysResumesOpen(String header) {
        Redaction redaction = redactor.redact(header + "\nSUMMARY\nLed audits for ten years.");

        assertThat(redaction.masked()).containsEntry("name", 1);
        assertThat(redaction.text()).doesNotContainIgnoringCase("Baker").doesNotContainIgnoringCase("Jones")
                .doesNotContain("Washington", "Walsh", "Cruz", "O'Brien").contains("Led audits for ten years.");
    }

    @Test
    void headingsSkillsAndTitlesAreNotTakenForNames() {
        for (String text : List.of("EXECUTIVE CHEF\nKEY SKILLS", "Skills • Core Java, Spring Boot, Hibernate",
                "VICE PRESIDENT OF OPERATIONS\nCore Strengths\nMicrosoft Word", "Education Details\nAnna University")) {
            assertThat(redactor.redact(text).masked()).as(text).doesNotContainKey("name");
        }
    }

    @Test
    void pronounsHonorificsBirthDatesAgesAndGraduationYearsAreMasked() {
        Redaction redaction = redactor.redact("""
                Dr. Kwame Mensah
                Date of birth: 14 March 1968 · Age: 58 · Gender: Male
                She led her team; they say he trained them.
                B.Sc. Biology, Riverside State University, 1989 – 1993
                Biologist, Acme Labs, 1994 – 2020
                """);

        assertThat(redaction.text()).isEqualTo("""
                [honorific] [name]
                Date of birth: [date] · Age: [age] · Gender: [gender]
                [pronoun] led [pronoun] team; [pronoun] say [pronoun] trained [pronoun].
                B.Sc. Biology, Riverside State University, [date] – [date]
                Biologist, Acme Labs, 1994 – 2020
                """);
        assertThat(redaction.setAside()).startsWith(" \nDate of birth:  · Age:  · Gender: \n led  team;")
                .contains("Biologist, Acme Labs, 1994 – 2020");
    }

    @Test
    void microsoftOfficeIsNoHonorificAndLocalNumbersArePhones() {
        assertThat(redactor.redact("MS Office, Ms Excel and Ms Word").masked()).isEmpty();
        assertThat(redactor.redact("Phone: 555-0161 or +1 555 0142").masked()).containsEntry("phone", 2);
    }

    @Test
    void whatWasFoundIsMaskedInAnotherTextAboutTheCandidate() {
        Redaction redaction = redactor.redact("Priya Raman\npriya@example.com\nPriya Raman built Java services.");

        assertThat(redaction.hide("PRIYA RAMAN built Java services; write to priya@example.com. Scored 34/100."))
                .isEqualTo("[name] built Java services; write to [email]. Scored 34/100.");
    }
}
