package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far a resume shows each requirement and duty of a posting, and the resume line that
 * shows it best. A requirement is met lexically (the share of its terms, weighted by their
 * IDF, on one resume line) or semantically (its embedding close to the resume's embedding),
 * whichever is stronger; the quoted line is always the lexical one, verbatim.
 */
final class RequirementCoverage {

    /** Cosines of E5 between a requirement and a resume head: below LOW unrelated, from HIGH met. */
    private static final double SEMANTIC_LOW = 0.76;
    private static final double SEMANTIC_HIGH = 0.86;
    /** A requirement counts as met from this match on. */
    private static final double MET = 0.5;
    /** The share of a requirement's weighted terms a line must show to be quoted for it. */
    private static final double QUOTED = 0.34;
    private static final int QUOTE_MAX_CHARS = 240;
    private static final int NAME_MAX_CHARS = 80;

    private RequirementCoverage() {
    }

    record Result(double share, int met, List<ScoreReport.Evidence> evidence) {
    }

    private record Quoted(ScoreReport.Evidence evidence, double strength) {
    }

    static Result of(ParsedResume resume, List<Requirement> items, List<float[]> itemVectors, float[] head, TermStatistics prior) {
        Map<String, ParsedResume.TermLines> termLines = resume.termLines();
        double[] lineShare = new double[resume.text().lineCount()];
        double weights = 0;
        double shown = 0;
        int met = 0;
        List<Quoted> quotes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Requirement item = items.get(i);
            Set<String> terms = new HashSet<>(item.terms());
            double total = terms.stream().mapToDouble(prior::idf).sum();
            int bestLine = -1;
            double best = 0;
            if (total > 0) {
                // Each line's weighted share of the item's terms, added term by term from the resume's index.
                Arrays.fill(lineShare, 0);
                for (String term : terms) {
                    ParsedResume.TermLines on = termLines.get(term);
                    if (on != null) {
                        double idf = prior.idf(term);
                        for (int line : on.lines()) {
                            lineShare[line] += idf;
                        }
                    }
                }
                for (int line = 0; line < lineShare.length; line++) {
                    double share = lineShare[line] / total;
                    if (share > best) {
                        best = share;
                        bestLine = line;
                    }
                }
            }
            double semantic = head.length == 0 ? 0
                    : Math.max(0, Math.min(1, (SentenceEmbedder.cosine(itemVectors.get(i), head) - SEMANTIC_LOW) / (SEMANTIC_HIGH - SEMANTIC_LOW)));
            double match = Math.max(best, semantic);
            weights += item.kind().weight();
            shown += item.kind().weight() * match;
            if (match >= MET) {
                met++;
            }
            if (bestLine >= 0 && best >= QUOTED) {
                quotes.add(new Quoted(new ScoreReport.Evidence(cut(item.text(), NAME_MAX_CHARS),
                        cut(resume.text().line(bestLine).strip(), QUOTE_MAX_CHARS), resume.section(bestLine).label()),
                        item.kind().weight() * best));
            }
        }
        quotes.sort(Comparator.comparingDouble(Quoted::strength).reversed());
        return new Result(weights == 0 ? 0 : shown / weights, met, new ArrayList<>(quotes.stream().map(Quoted::evidence).toList()));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
