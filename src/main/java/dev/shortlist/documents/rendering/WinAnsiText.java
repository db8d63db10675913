package dev.shortlist.documents.rendering;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Text the PDF standard fonts can show. They encode only WinAnsi (Latin-1 plus curly
 * quotes, dashes, bullet, euro...), and PDFBox throws on anything else; so every other
 * character is replaced by its nearest WinAnsi look-alike, its base letter without
 * accents, or {@code ?}. No font is embedded: none is present on every machine.
 */
final class WinAnsiText {

    private static final Set<Integer> ENCODABLE = encodable();

    private static final Map<Integer, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2015, "\u2014"),
            Map.entry(0x2212, "-"), Map.entry(0x2043, "-"),
            Map.entry(0x201B, "'"), Map.entry(0x2032, "'"), Map.entry(0x201F, "\""), Map.entry(0x2033, "\""),
            Map.entry(0x25CF, "\u2022"), Map.entry(0x25AA, "\u2022"), Map.entry(0x25A0, "\u2022"),
            Map.entry(0x25E6, "\u2022"), Map.entry(0x2023, "\u2022"), Map.entry(0x25B8, "\u2022"),
            Map.entry(0x25BA, "\u2022"), Map.entry(0x2219, "\u2022"), Map.entry(0x27A2, "\u2022"),
            Map.entry(0x2713, "\u2022"), Map.entry(0x2714, "\u2022"), Map.entry(0x2192, "->"), Map.entry(0x2190, "<-"),
            Map.entry(0x0141, "L"), Map.entry(0x0142, "l"), Map.entry(0x0110, "D"), Map.entry(0x0111, "d"),
            Map.entry(0x0131, "i"), Map.entry(0x0126, "H"), Map.entry(0x0127, "h"), Map.entry(0x0166, "T"), Map.entry(0x0167, "t"),
            Map.entry(0x2264, "<="), Map.entry(0x2265, ">="), Map.entry(0x2248, "~"), Map.entry(0x2260, "!="));

    private WinAnsiText() {
    }

    /** The text with every character a standard font cannot encode replaced; never longer than needed. */
    static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (ENCODABLE.contains(codePoint)) {
                if (out != null) {
                    out.appendCodePoint(codePoint);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(fallback(codePoint));
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static String fallback(int codePoint) {
        if (Character.isSpaceChar(codePoint)) {
            return " ";
        }
        if (Character.getType(codePoint) == Character.FORMAT || Character.getType(codePoint) == Character.NON_SPACING_MARK) {
            return ""; // zero-width joiners and spaces, byte-order marks, combining accents
        }
        String lookAlike = LOOK_ALIKES.get(codePoint);
        if (lookAlike != null) {
            return lookAlike;
        }
        // "ł" has no decomposition, but "ř" → "r" + caron, "ﬁ" → "fi", "²" → "2".
        String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
        StringBuilder base = new StringBuilder();
        decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(c -> base.appendCodePoint(ENCODABLE.contains(c) ? c : '?'));
        return base.isEmpty() || base.indexOf("?") >= 0 ? "?" : base.toString();
    }

    private static Set<Integer> encodable() {
        Set<Integer> codePoints = new HashSet<>();
        GlyphList glyphs = GlyphList.getAdobeGlyphList();
        WinAnsiEncoding.INSTANCE.getCodeToNameMap().forEach((code, name) -> {
            String unicode = glyphs.toUnicode(name);
            if (unicode != null && unicode.codePointCount(0, unicode.length()) == 1 && !".notdef".equals(name)) {
                codePoints.add(unicode.codePointAt(0));
            }
        });
        codePoints.removeIf(Character::isISOControl);
        return Set.copyOf(codePoints);
    }
}
