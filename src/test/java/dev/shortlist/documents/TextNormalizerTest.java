package dev.shortlist.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void lineBreaksOfEveryKindBecomeOne() {
        assertThat(TextNormalizer.normalize("a\r\nb\rc\nd")).isEqualTo("a\nb\nc\nd");
    }

    @Test
    void runsOfSpacesTabsAndNoBreakSpacesBecomeOneSpace() {
        assertThat(TextNormalizer.normalize("Java \t\u00A0 and\u2003Kotlin")).isEqualTo("Java and Kotlin");
    }

    @Test
    void linesAreTrimmedAndTheTextToo() {
        assertThat(TextNormalizer.normalize("  \n  Skills  \n  Java  \n\n")).isEqualTo("Skills\nJava");
    }

    @Test
    void blankLineRunsCollapseToOne() {
        assertThat(TextNormalizer.normalize("Summary\n\n\n\n  \n\nExperience")).isEqualTo("Summary\n\nExperience");
    }

    @Test
    void pageBreaksVerticalTabsAndUnicodeSeparatorsEndALine() {
        assertThat(TextNormalizer.normalize("Summary\fExperience\u000BJava\u0085Kotlin\u2028Go\u001EScala"))
                .isEqualTo("Summary\nExperience\nJava\nKotlin\nGo\nScala");
        assertThat(TextNormalizer.normalize("Summary\u2029Experience")).isEqualTo("Summary\n\nExperience");
    }

    @Test
    void controlCharactersAreDropped() {
        assertThat(TextNormalizer.normalize("Py\u0000th\u0007on\u009B")).isEqualTo("Python");
    }

    @Test
    void composedAndDecomposedAccentsAreOneText() {
        assertThat(TextNormalizer.normalize("Jose\u0301")).isEqualTo(TextNormalizer.normalize("Jos\u00E9"));
    }

    @Test
    void normalisingTwiceChangesNothing() {
        String once = TextNormalizer.normalize(" a \r\n\r\n\r\n b\t\tc \u0301");
        assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
    }
}
