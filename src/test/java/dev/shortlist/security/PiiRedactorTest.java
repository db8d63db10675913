package dev.shortlist.security;

import static org.assertj.core.api.Assertions.assertThat;

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
                [NAME]
                [EMAIL] | [PHONE] | [URL]
                [ADDRESS]
                Senior Java Developer, Acme (2016 - 2025). [NAME] led the payments team.
                """);
        assertThat(redaction.masked()).isEqualTo(Map.of("name", 2, "email", 1, "phone", 1, "url", 1, "address", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+91 98765 43210", "(415) 555-0134", "415.555.0134", "+1-415-555-0134 ext. 12",
            "020 7946 0958", "+49 30 901820", "9876543210", "+33 1 42 68 53 00"})
    void phoneNumbersInTheirUsualFormatsAreMasked(String phone) {
        assertThat(redactor.redact("Phone: " + phone + ".").text()).isEqualTo("Phone: [PHONE].");
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
}
