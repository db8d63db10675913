package dev.shortlist.bench;

import dev.shortlist.llm.local.ScoreReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** With {@code -Deval.dump=file.csv}, an evaluation writes every pair's component scores, to study the blend as a whole. */
final class ComponentDump {

    private ComponentDump() {
    }

    static PrintWriter open() throws IOException {
        String file = System.getProperty("eval.dump");
        return file == null ? null : new PrintWriter(Files.newBufferedWriter(Path.of(file)));
    }

    static void row(PrintWriter out, String posting, String field, String id, ScoreReport report) {
        if (out == null) {
            return;
        }
        StringBuilder row = new StringBuilder(posting + "," + field + "," + id);
        for (ScoreReport.Component c : report.components()) {
            row.append(',').append(c.name()).append('=').append(c.score() == null ? "" : c.score());
        }
        out.println(row);
    }
}
