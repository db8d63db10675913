package dev.shortlist.documents;

import dev.shortlist.platform.cpu.OffEventLoop;
import java.text.Normalizer;

/**
 * One canonical form for resume and job-description text, however it arrived (pasted,
 * extracted from a PDF or a Word file): Unicode NFC, one kind of line break, single
 * spaces, no control characters, no blanks at line ends, at most one blank line in a
 * row. Controls that stand for a break are breaks: a form feed (a page break, as
 * {@code pdftotext} writes it), a vertical tab (a word processor's manual line break), NEL,
 * the file to unit separators and the Unicode line separator end a line; the paragraph
 * separator leaves a blank line. Equal texts then hash equally, which the result cache and idempotency rely on.
 * One pass over the characters: a batch normalises thousands of resumes per request.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        OffEventLoop.check("Text normalising");
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        int newlines = 0;       // line breaks seen since the last visible character
        boolean space = false;  // horizontal space seen since the last visible character
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            if (c == '\n' || c == '\r' || isLineBreakLike(c)) {
                if (c == '\r' && i + 1 < nfc.length() && nfc.charAt(i + 1) == '\n') {
                    i++;
                }
                newlines += c == '\u2029' ? 2 : 1;
                space = false;
            } else if (isHorizontalSpace(c)) {
                space = true;
            } else if (!isControl(c)) {
                if (!out.isEmpty()) {
                    if (newlines > 0) {
                        out.append(newlines > 1 ? "\n\n" : "\n");
                    } else if (space) {
                        out.append(' ');
                    }
                }
                out.append(c);
                newlines = 0;
                space = false;
            }
        }
        return out.toString();
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0'
                || (c >= '\u2000' && c <= '\u200A') || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    /** Vertical tab, form feed, the file to unit separators, NEL, and the Unicode line and paragraph separators. */
    private static boolean isLineBreakLike(char c) {
        return c == '\u000B' || c == '\f' || (c >= 0x1C && c <= 0x1F) || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** C0/C1 controls other than the line breaks and tab handled above, which survive extraction from some PDFs. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }
}
