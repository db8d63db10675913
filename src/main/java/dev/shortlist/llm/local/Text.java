package dev.shortlist.llm.local;

import java.util.List;

/**
 * A document split once into lines and each line into tokens, so that every pass of the
 * engine (skills, titles, sections, relevance) reads the same tokens without re-splitting.
 */
public final class Text {

    private final String[] lines;
    private final List<List<String>> tokens;

    private Text(String[] lines) {
        this.lines = lines;
        this.tokens = java.util.Arrays.stream(lines).map(Tokens::of).toList();
    }

    public static Text of(String text) {
        return new Text(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
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
        return tokens.get(index);
    }

    public int tokenCount() {
        return tokens.stream().mapToInt(List::size).sum();
    }
}
