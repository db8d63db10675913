package dev.shortlist.documents;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * One canonical form for resume and job-description text, however it arrived (pasted,
 * extracted from a PDF or a Word file): Unicode NFC, one kind of line break, single
 * spaces, no control characters, at most one blank line in a row. Equal texts then hash
 * equally, which the result cache and idempotency rely on.
 */
public final class TextNormalizer {

    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\t\\x0B\\f\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000 ]+");
    /** C0/C1 controls other than tab and line feed, which survive extraction from some PDFs. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0E-\\x1F\\x7F-\\x9F]");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        nfc = CONTROL.matcher(nfc).replaceAll("");
        StringBuilder out = new StringBuilder(nfc.length());
        for (String line : nfc.split("\n", -1)) {
            out.append(HORIZONTAL_SPACE.matcher(line).replaceAll(" ").strip()).append('\n');
        }
        return BLANK_LINES.matcher(out).replaceAll("\n\n").strip();
    }
}
