package dev.shortlist.jobs;

import dev.shortlist.platform.problem.InvalidInputException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A score batch's adverse-impact report at a cut (see {@link AdverseImpact}). Candidates who
 * declined a category are counted and shown but not compared: the highest rate and every
 * ratio are among the categories candidates gave. Those who gave no categories are counted
 * apart ({@code notSelfIdentified}) and are in no group.
 *
 * @param candidates        the batch's resumes
 * @param scored            those scored (succeeded): the report's population
 * @param selected          those the cut selects
 * @param medianScore       the median score of the scored; the scoring rate counts scores above it
 * @param notSelfIdentified scored candidates who gave no categories
 */
@RegisterForReflection
public record ImpactReport(UUID batchId, Cut cut, int candidates, int scored, int selected, Double medianScore,
        int notSelfIdentified, List<Group> sex, List<Group> raceEthnicity, List<Group> intersections) {

    /** A group smaller than this gets a note: one candidate more or less moves its rates by over three points. */
    public static final int SMALL_GROUP = 30;
    /** Impact ratios below this fail the four-fifths rule of thumb. */
    public static final double FOUR_FIFTHS = 0.8;

    /** Who a cut selects: the best {@code top:N}, or everyone scoring at least {@code score:S}. */
    @RegisterForReflection
    public record Cut(String kind, int value) {

        public static final String TOP = "top";
        public static final String SCORE = "score";

        /** {@code top:<N>} (1 to 100,000) or {@code score:<S>} (0 to 100); anything else is a 400 naming {@code cut}. */
        public static Cut parse(String given) {
            String[] parts = given == null ? new String[0] : given.strip().split(":", 2);
            if (parts.length == 2 && (TOP.equals(parts[0]) || SCORE.equals(parts[0])) && parts[1].matches("\\d{1,6}")) {
                int value = Integer.parseInt(parts[1]);
                if (TOP.equals(parts[0]) ? value >= 1 && value <= 100_000 : value <= 100) {
                    return new Cut(parts[0], value);
                }
            }
            throw new InvalidInputException("cut", "must be top:<N> (the best N, 1 to 100000) or score:<S> (a score of S or more, 0 to 100)");
        }

        boolean selects(int rank, int score) {
            return TOP.equals(kind) ? rank < value : score >= value;
        }
    }

    /**
     * One category or intersection. Rates and ratios are null where they cannot be computed
     * (no candidate, or a highest rate of 0); ratios are null for {@code declined}, which is
     * shown but not compared.
     *
     * @param selectionRate      selected ÷ count
     * @param impactRatio        the selection rate ÷ the highest selection rate among the compared groups
     * @param belowFourFifths    whether the impact ratio is below 0.8
     * @param scoringRate        above the batch's median score ÷ count
     * @param scoringImpactRatio the scoring rate ÷ the highest scoring rate among the compared groups
     * @param note               why the figures should be read with care (a small group), or null
     */
    @RegisterForReflection
    public record Group(String sex, String raceEthnicity, int count, int selected, Double selectionRate, Double impactRatio,
            Boolean belowFourFifths, int aboveMedian, Double scoringRate, Double scoringImpactRatio, Boolean scoringBelowFourFifths,
            String note) {
    }

    /** One scored candidate, in shortlist order: the score and the categories given (null when none). */
    record Scored(int score, SelfIdentified categories) {
    }

    private static final class Tally {
        int count;
        int selected;
        int aboveMedian;
    }

    static ImpactReport of(UUID batchId, int candidates, Cut cut, List<Scored> ranked) {
        Double median = median(ranked);
        Map<String, Tally> bySex = tallies(SelfIdentified.SEXES);
        Map<String, Tally> byRace = tallies(SelfIdentified.RACES_ETHNICITIES);
        Map<String, Tally> byBoth = new LinkedHashMap<>();
        for (String sex : SelfIdentified.SEXES) {
            for (String race : SelfIdentified.RACES_ETHNICITIES) {
                if (!SelfIdentified.DECLINED.equals(sex) && !SelfIdentified.DECLINED.equals(race)) {
                    byBoth.put(sex + "|" + race, new Tally());
                }
            }
        }
        int selected = 0;
        int notGiven = 0;
        for (int rank = 0; rank < ranked.size(); rank++) {
            Scored candidate = ranked.get(rank);
            boolean chosen = cut.selects(rank, candidate.score());
            boolean above = median != null && candidate.score() > median;
            selected += chosen ? 1 : 0;
            SelfIdentified given = candidate.categories();
            if (given == null) {
                notGiven++;
                continue;
            }
            count(bySex.get(given.sex()), chosen, above);
            count(byRace.get(given.raceEthnicity()), chosen, above);
            count(byBoth.get(given.sex() + "|" + given.raceEthnicity()), chosen, above);
        }
        return new ImpactReport(batchId, cut, candidates, ranked.size(), selected, median, notGiven,
                groups(bySex, sex -> new String[] {sex, null}),
                groups(byRace, race -> new String[] {null, race}),
                groups(byBoth, both -> both.split("\\|")));
    }

    private static Map<String, Tally> tallies(List<String> categories) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        categories.forEach(category -> tallies.put(category, new Tally()));
        return tallies;
    }

    private static void count(Tally tally, boolean chosen, boolean above) {
        if (tally != null) {
            tally.count++;
            tally.selected += chosen ? 1 : 0;
            tally.aboveMedian += above ? 1 : 0;
        }
    }

    /** The groups with at least one candidate, in the categories' order, each compared with the highest rate among those given. */
    private static List<Group> groups(Map<String, Tally> tallies, Function<String, String[]> names) {
        double bestSelection = 0;
        double bestScoring = 0;
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            Tally tally = entry.getValue();
            if (tally.count > 0 && compared(entry.getKey())) {
                bestSelection = Math.max(bestSelection, (double) tally.selected / tally.count);
                bestScoring = Math.max(bestScoring, (double) tally.aboveMedian / tally.count);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            Tally tally = entry.getValue();
            if (tally.count == 0) {
                continue;
            }
            boolean compared = compared(entry.getKey());
            double selection = (double) tally.selected / tally.count;
            double scoring = (double) tally.aboveMedian / tally.count;
            Double impact = compared && bestSelection > 0 ? selection / bestSelection : null;
            Double scoringImpact = compared && bestScoring > 0 ? scoring / bestScoring : null;
            String[] name = names.apply(entry.getKey());
            groups.add(new Group(name[0], name[1], tally.count, tally.selected, round(selection), round(impact),
                    impact == null ? null : impact < FOUR_FIFTHS, tally.aboveMedian, round(scoring), round(scoringImpact),
                    scoringImpact == null ? null : scoringImpact < FOUR_FIFTHS,
                    tally.count < SMALL_GROUP ? "only " + tally.count + " candidate" + (tally.count == 1 ? "" : "s")
                            + ": too few to judge; one candidate more or less selected moves this rate by "
                            + Math.round(100.0 / tally.count) + " points" : null));
        }
        return groups;
    }

    /** Declined is shown but not compared: it is not a group the candidates share. */
    private static boolean compared(String key) {
        return !key.equals(SelfIdentified.DECLINED);
    }

    private static Double median(List<Scored> ranked) {
        if (ranked.isEmpty()) {
            return null;
        }
        int n = ranked.size();
        // Ranked best first: the middle one, or the mean of the middle two.
        return n % 2 == 1 ? ranked.get(n / 2).score() : (ranked.get(n / 2 - 1).score() + ranked.get(n / 2).score()) / 2.0;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
