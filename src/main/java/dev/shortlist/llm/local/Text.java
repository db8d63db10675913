package dev.shortlist.llm.local;

import java.util.List;

/**
 * A document split once into lines and each line into tokens, so that every pass of the
 * engine (skills, titles, sections, relevance) reads the same tokens without re-splitting.
 */
public final class Text {

    private final String[] lines;
    private final List<List<String>> tokens;

    private Text(String[] lines, boolean keepTokens) {
        this.lines = lines;
        this.tokens = keepTokens ? java.util.Arrays.stream(lines).map(Tokens::of).toList() : null;
    }

    public static Text of(String text) {
        return new Text(lines(text), true);
    }

    /** The lines alone, their tokens split only if asked: for a text that is quoted, not read. */
    static Text linesOf(String text) {
        return new Text(lines(text), false);
    }

    private static String[] lines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }

    /**
     * Another version of this text with the same lines (personal data set aside, say): lines
     * it did not change are shared with this one rather than held twice.
     */
    Text alongside(String version) {
        String[] other = lines(version);
        if (other.length != lines.length) {
            throw new IllegalArgumentException("a version of a text must keep its lines");
        }
        for (int line = 0; line < other.length; line++) {
            if (other[line].equals(lines[line])) {
                other[line] = lines[line];
            }
        }
        return new Text(other, true);
    }

    /**
     * The same lines without their tokens kept: what a reading held in memory needs, as it has
     * already taken what it counts from the tokens; a line's tokens are split again if asked.
     */
    Text linesOnly() {
        return tokens == null ? this : new Text(lines, false);
    }

    /** The whole text again, lines joined. */
    public String joined() {
        return String.join("\n", lines);
    }

    public int lineCount() {
        return lines.length;
    }

    public String line(int index) {
        return lines[index];
    }

    public List<String> tokens(int index) {
        return tokens == null ? Tokens.of(lines[index]) : tokens.get(index);
    }

    public int tokenCount() {
        int count = 0;
        for (int line = 0; line < lines.length; line++) {
            count += tokens(line).size();
        }
        return count;
    }
}
