package dev.shortlist.documents.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resume written in the small Markdown subset that models and people write resumes
 * in: {@code #}–{@code ###} headings, paragraphs, {@code -}/{@code *} bullets (one
 * level of nesting), {@code **bold**}, {@code *italic*}, {@code [text](url)}, {@code ---}
 * rules, simple pipe tables, and the contact line right under the name. Anything else
 * is kept as plain text, so no input fails to parse.
 */
public record MarkdownResume(List<Block> blocks) {

    /** One vertical piece of the resume, in reading order. */
    public sealed interface Block permits Heading, Paragraph, Contact, Bullet, Rule, Table {
    }

    /** {@code #} (level 1, the name) to {@code ###}; deeper headings count as level 3. */
    public record Heading(int level, List<Span> spans) implements Block {
    }

    public record Paragraph(List<Span> spans) implements Block {
    }

    /** The lines right under the top heading (title, e-mail, phone, links), each kept on its own line. */
    public record Contact(List<Span> spans) implements Block {
    }

    /** A list item; depth 0 is top level, 1 is nested under the previous item. */
    public record Bullet(int depth, List<Span> spans) implements Block {
    }

    public record Rule() implements Block {
    }

    /** A pipe table; the first row is the header. Every row has the same number of cells. */
    public record Table(List<List<List<Span>>> rows) implements Block {
    }

    /**
     * A run of text in one style. A {@link #LINE_BREAK} span ends the line. {@code url}
     * is set only for links whose scheme is safe to follow (http, https, mailto, tel).
     */
    public record Span(String text, boolean bold, boolean italic, String url) {

        public static final Span LINE_BREAK = new Span("\n", false, false, null);

        public boolean isLineBreak() {
            return this == LINE_BREAK;
        }
    }

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+•]\\s+(.*)$");
    private static final Pattern ORDERED = Pattern.compile("^\\s*\\d{1,3}[.)]\\s+.*$");
    private static final Pattern RULE = Pattern.compile("^ {0,3}([-*_])(?:\\s*\\1){2,}\\s*$");
    private static final Pattern TABLE_DIVIDER = Pattern.compile("^\\s*\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$");
    private static final Pattern SAFE_URL = Pattern.compile("^(?i)(https?://|mailto:|tel:)\\S+$");

    /** Longest line still read as contact details under the name; longer ones are a summary. */
    private static final int CONTACT_LINE_MAX = 160;

    /** Spaces of indentation from which a bullet is nested under the one before it. */
    private static final int NESTED_INDENT = 2;

    /** Parses any text; characters no document format can hold (controls, lone surrogates) are dropped first. */
    public static MarkdownResume parse(String markdown) {
        return new Parser(clean(markdown == null ? "" : markdown).split("\n", -1)).parse();
    }

    /** The text of the first top-level heading: the candidate's name, used as the document title. */
    public String title() {
        return blocks.stream()
                .filter(block -> block instanceof Heading heading && heading.level() == 1)
                .map(block -> plainText(((Heading) block).spans()))
                .findFirst()
                .orElse("Resume");
    }

    static String plainText(List<Span> spans) {
        StringBuilder text = new StringBuilder();
        spans.forEach(span -> text.append(span.isLineBreak() ? " " : span.text()));
        return text.toString().strip();
    }

    /**
     * The address if it is one a reader may follow (http, https, mailto, tel) and a valid
     * URI, which Word's hyperlinks require; otherwise null, and the link is kept as text.
     */
    static String safeUrl(String url) {
        if (!SAFE_URL.matcher(url).matches()) {
            return null;
        }
        try {
            new java.net.URI(url);
            return url;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Tabs become spaces, line ends become {@code \n}; other controls and unpaired surrogates are dropped. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    out.append('\n');
                }
            } else if (c == '\t') {
                out.append("    ");
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\n' || !(Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One pass over the lines; each block ends at a blank line or where another kind of block starts. */
    private static final class Parser {

        private final String[] lines;
        private final List<Block> blocks = new ArrayList<>();
        private int next;

        Parser(String[] lines) {
            this.lines = lines;
        }

        MarkdownResume parse() {
            while (next < lines.length) {
                String line = lines[next];
                Matcher heading = HEADING.matcher(line);
                Matcher bullet = BULLET.matcher(line);
                if (line.isBlank()) {
                    next++;
                } else if (RULE.matcher(line).matches()) {
                    blocks.add(new Rule());
                    next++;
                } else if (heading.matches()) {
                    blocks.add(new Heading(Math.min(heading.group(1).length(), 3), Inline.parse(heading.group(2))));
                    next++;
                } else if (bullet.matches()) {
                    bullet(bullet);
                } else if (ORDERED.matcher(line).matches()) {
                    blocks.add(new Paragraph(Inline.parse(line.strip())));
                    next++;
                } else if (isTableStart()) {
                    table();
                } else {
                    paragraph();
                }
            }
            return new MarkdownResume(List.copyOf(blocks));
        }

        private void bullet(Matcher bullet) {
            int depth = bullet.group(1).length() >= NESTED_INDENT && !blocks.isEmpty() && blocks.get(blocks.size() - 1) instanceof Bullet ? 1 : 0;
            StringBuilder text = new StringBuilder(bullet.group(2).strip());
            next++;
            // An indented line that starts no other block continues the item.
            while (next < lines.length && !lines[next].isBlank() && Character.isWhitespace(lines[next].charAt(0))
                    && startsNothing(lines[next])) {
                text.append(' ').append(lines[next++].strip());
            }
            blocks.add(new Bullet(depth, Inline.parse(text.toString())));
        }

        private void paragraph() {
            List<String> own = new ArrayList<>();
            while (next < lines.length && !lines[next].isBlank() && (own.isEmpty() || startsNothing(lines[next]))) {
                own.add(lines[next++]);
            }
            boolean contact = blocks.size() == 1 && blocks.get(0) instanceof Heading heading && heading.level() == 1
                    && own.stream().allMatch(line -> line.strip().length() <= CONTACT_LINE_MAX);
            List<Span> spans = new ArrayList<>();
            for (String line : own) {
                if (!spans.isEmpty() && !endsWithBreak(spans)) {
                    spans.add(contact ? Span.LINE_BREAK : new Span(" ", false, false, null));
                }
                spans.addAll(Inline.parse((line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).strip()));
                if (line.endsWith("  ") || line.endsWith("\\")) {
                    spans.add(Span.LINE_BREAK);
                }
            }
            while (!spans.isEmpty() && spans.get(spans.size() - 1).isLineBreak()) {
                spans.remove(spans.size() - 1);
            }
            blocks.add(contact ? new Contact(List.copyOf(spans)) : new Paragraph(List.copyOf(spans)));
        }

        private static boolean endsWithBreak(List<Span> spans) {
            return spans.get(spans.size() - 1).isLineBreak();
        }

        private boolean isTableStart() {
            return lines[next].contains("|") && next + 1 < lines.length && TABLE_DIVIDER.matcher(lines[next + 1]).matches()
                    && lines[next + 1].contains("-");
        }

        private void table() {
            List<String> header = cells(lines[next]);
            next += 2;
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            while (next < lines.length && lines[next].contains("|") && !lines[next].isBlank()) {
                rows.add(cells(lines[next++]));
            }
            int columns = header.size();
            blocks.add(new Table(rows.stream()
                    .map(row -> {
                        List<List<Span>> cells = new ArrayList<>();
                        for (int i = 0; i < columns; i++) {
                            cells.add(Inline.parse(i < row.size() ? row.get(i) : ""));
                        }
                        // Cells beyond the header's count are kept, joined into the last column.
                        for (int i = columns; i < row.size(); i++) {
                            List<Span> last = new ArrayList<>(cells.get(columns - 1));
                            last.add(new Span(" " + row.get(i), false, false, null));
                            cells.set(columns - 1, last);
                        }
                        return List.copyOf(cells);
                    })
                    .toList()));
        }

        /** The cells of a {@code | a | b |} row; {@code \|} is a literal bar. */
        private static List<String> cells(String line) {
            String row = line.strip();
            if (row.startsWith("|")) {
                row = row.substring(1);
            }
            if (row.endsWith("|") && !row.endsWith("\\|")) {
                row = row.substring(0, row.length() - 1);
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            for (int i = 0; i < row.length(); i++) {
                char c = row.charAt(i);
                if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                    cell.append("\\|");
                    i++;
                } else if (c == '|') {
                    cells.add(cell.toString().strip());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString().strip());
            return cells;
        }

        private static boolean startsNothing(String line) {
            return !(HEADING.matcher(line).matches() || BULLET.matcher(line).matches() || RULE.matcher(line).matches()
                    || ORDERED.matcher(line).matches());
        }
    }

    /**
     * Emphasis and links inside one block. A marker only opens when its closing partner
     * follows, so a lone {@code *} (as in "5 * 3") stays text instead of italicising the rest.
     */
    static final class Inline {

        private final String text;
        private final List<Span> spans = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();
        private boolean bold;
        private boolean italic;

        private Inline(String text) {
            this.text = text;
        }

        static List<Span> parse(String text) {
            return new Inline(text).run();
        }

        private List<Span> run() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length() && isPunctuation(text.charAt(i + 1))) {
                    pending.append(text.charAt(i + 1));
                    i += 2;
                } else if (c == '`') {
                    int close = text.indexOf('`', i + 1);
                    if (close < 0) {
                        pending.append(c);
                        i++;
                    } else {
                        pending.append(text, i + 1, close);
                        i = close + 1;
                    }
                } else if (c == '[') {
                    i = link(i);
                } else if (c == '<' && text.indexOf('>', i) > 0 && safeUrl(text.substring(i + 1, text.indexOf('>', i))) != null) {
                    String url = text.substring(i + 1, text.indexOf('>', i));
                    flush();
                    spans.add(new Span(url, bold, italic, url));
                    i = text.indexOf('>', i) + 1;
                } else if (text.startsWith("**", i) || text.startsWith("__", i)) {
                    i = emphasis(i, text.substring(i, i + 2), true);
                } else if ((c == '*' || c == '_') && !(c == '_' && isWordChar(i - 1))) {
                    i = emphasis(i, String.valueOf(c), false);
                } else {
                    pending.append(c);
                    i++;
                }
            }
            flush();
            return List.copyOf(spans);
        }

        /** Toggles bold or italic at a marker that closes an open one or has a partner ahead. */
        private int emphasis(int at, String marker, boolean strong) {
            boolean open = strong ? bold : italic;
            int after = at + marker.length();
            boolean canOpen = after < text.length() && !Character.isWhitespace(text.charAt(after))
                    && closingAfter(after, marker) >= 0;
            boolean canClose = open && at > 0 && !Character.isWhitespace(text.charAt(at - 1));
            if (!canOpen && !canClose) {
                pending.append(marker);
                return after;
            }
            flush();
            if (strong) {
                bold = !bold;
            } else {
                italic = !italic;
            }
            return after;
        }

        private int closingAfter(int from, String marker) {
            int at = text.indexOf(marker, from);
            while (at >= 0) {
                boolean strongInstead = marker.length() == 1 && text.startsWith(marker + marker, at)
                        && text.indexOf(marker + marker, at + 2) >= 0;
                if (!Character.isWhitespace(text.charAt(at - 1)) && !strongInstead) {
                    return at;
                }
                at = text.indexOf(marker, at + (strongInstead ? 2 : 1));
            }
            return -1;
        }

        /** {@code [text](url)}: the text in the current style, linked when the url is safe. */
        private int link(int at) {
            int closeText = text.indexOf("](", at);
            int closeUrl = closeText < 0 ? -1 : closingParenthesis(closeText + 2);
            if (closeText < 0 || closeUrl < 0) {
                pending.append('[');
                return at + 1;
            }
            String label = text.substring(at + 1, closeText);
            String url = text.substring(closeText + 2, closeUrl).strip();
            flush();
            for (Span span : parse(label)) {
                spans.add(new Span(span.text(), bold || span.bold(), italic || span.italic(), safeUrl(url)));
            }
            return closeUrl + 1;
        }

        /** The {@code )} that closes a link's address, which may itself hold balanced parentheses. */
        private int closingParenthesis(int from) {
            int depth = 0;
            for (int i = from; i < text.length(); i++) {
                if (text.charAt(i) == '(') {
                    depth++;
                } else if (text.charAt(i) == ')' && depth-- == 0) {
                    return i;
                }
            }
            return -1;
        }

        private void flush() {
            if (!pending.isEmpty()) {
                spans.add(new Span(pending.toString(), bold, italic, null));
                pending.setLength(0);
            }
        }

        private boolean isWordChar(int at) {
            return at >= 0 && Character.isLetterOrDigit(text.charAt(at));
        }

        private static boolean isPunctuation(char c) {
            return "\\`*_{}[]()#+-.!|<>~".indexOf(c) >= 0;
        }
    }
}
