package dev.shortlist.llm.local;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * What a recruiter reads of a local score: its strengths, its gaps and the summary that
 * gathers them, in plain sentences that name the posting's own requirements. Every sentence
 * is ended once and never shows an empty or missing value.
 */
final class ScoreWording {

    private ScoreWording() {
    }

    static List<String> strengths(LocalScorer.Coverage required, JobRequirements asked, Double titleFit, String resumeTitle,
            double years, OptionalDouble yearsAsked, List<ScoreReport.RequirementResult> stated) {
        List<String> strengths = new ArrayList<>();
        List<String> met = names(stated, "required", true);
        int requiredCount = met.size() + names(stated, "required", false).size();
        if (requiredCount > 0 && met.size() >= 0.6 * requiredCount) {
            strengths.add("Meets " + met.size() + " of " + requiredCount + " stated requirements, including " + firstFew(met));
        } else if (!asked.required().isEmpty() && required.share() >= 0.6) {
            strengths.add("Shows " + required.matched().size() + " of " + asked.required().size()
                    + " required skills, including " + firstFew(required.matched()));
        }
        if (titleFit != null && titleFit >= 1 && resumeTitle != null) {
            strengths.add("Has worked as " + resumeTitle);
        } else if (titleFit != null && titleFit > 0 && resumeTitle != null) {
            strengths.add("Title in the same field: " + resumeTitle);
        }
        if (yearsAsked.isPresent() && years >= yearsAsked.getAsDouble()) {
            strengths.add(format(years) + " years of experience, " + format(yearsAsked.getAsDouble()) + " asked");
        }
        return strengths;
    }

    static List<String> gaps(LocalScorer.Coverage required, LocalScorer.Coverage preferred, Double titleFit, JobRequirements asked,
            double years, OptionalDouble yearsAsked, List<ScoreReport.RequirementResult> stated) {
        List<String> gaps = new ArrayList<>();
        List<String> missing = names(stated, "required", false);
        List<String> missingPreferred = names(stated, "preferred", false);
        if (!missing.isEmpty()) {
            gaps.add("Requirements not shown: " + firstFew(missing));
        } else if (!required.missing().isEmpty()) {
            gaps.add("Required skills not shown: " + firstFew(required.missing()));
        }
        if (!missingPreferred.isEmpty()) {
            gaps.add("Preferred not shown: " + firstFew(missingPreferred));
        } else if (!preferred.missing().isEmpty()) {
            gaps.add("Preferred skills not shown: " + firstFew(preferred.missing()));
        }
        if (titleFit != null && titleFit == 0) {
            String job = asked.titleText().isEmpty() ? asked.title().map(Term::name).orElse("") : asked.titleText();
            gaps.add(job.isEmpty() ? "No past title close to the job's" : "No past title close to " + job);
        }
        if (yearsAsked.isPresent() && years < yearsAsked.getAsDouble()) {
            gaps.add(format(years) + " years of experience shown, " + format(yearsAsked.getAsDouble()) + " asked");
        }
        return gaps;
    }

    private static List<String> names(List<ScoreReport.RequirementResult> stated, String kind, boolean met) {
        return stated.stream().filter(r -> r.kind().equals(kind) && r.met() == met).map(ScoreReport.RequirementResult::requirement)
                .toList();
    }

    static String summary(int score, String recommendation, LocalScorer.Coverage required, LocalScorer.Coverage preferred,
            List<ScoreReport.RequirementResult> stated, List<String> strengths, List<String> gaps) {
        StringBuilder text = new StringBuilder("Scored ").append(score).append("/100 (").append(recommendation).append(").");
        long requiredMet = stated.stream().filter(r -> r.kind().equals("required") && r.met()).count();
        long requiredAll = stated.stream().filter(r -> r.kind().equals("required")).count();
        long preferredMet = stated.stream().filter(r -> r.kind().equals("preferred") && r.met()).count();
        long preferredAll = stated.size() - requiredAll;
        if (requiredAll + preferredAll > 0) {
            text.append(" It meets ").append(requiredMet).append(" of the ").append(requiredAll)
                    .append(" requirements the posting states");
            if (preferredAll > 0) {
                text.append(" and ").append(preferredMet).append(" of ").append(preferredAll).append(" preferred ones");
            }
            text.append('.');
        }
        if (required.matched().isEmpty() && required.missing().isEmpty()) {
            if (stated.isEmpty()) {
                text.append(" The job description names no requirement this engine can read, so the score rests on title,"
                        + " experience and shared terms.");
            }
        } else {
            text.append(" Of the skills this engine knows, the resume shows ").append(required.matched().size()).append(" of the ")
                    .append(required.matched().size() + required.missing().size()).append(" required skills");
            if (!preferred.matched().isEmpty() || !preferred.missing().isEmpty()) {
                text.append(" and ").append(preferred.matched().size()).append(" of ")
                        .append(preferred.matched().size() + preferred.missing().size()).append(" preferred ones");
            }
            text.append('.');
        }
        for (String strength : strengths) {
            appendSentence(text, " Strength: ", strength);
        }
        for (String gap : gaps) {
            appendSentence(text, " Gap: ", gap);
        }
        return text.toString();
    }

    /** One sentence of the summary, ended once: a strength or gap that ends with its own stop gets no second one. */
    private static void appendSentence(StringBuilder text, String label, String clause) {
        String body = CLAUSE_END.matcher(clause).replaceAll("");
        if (!body.isEmpty()) {
            text.append(label).append(lowerFirst(body)).append('.');
        }
    }

    private static final Pattern CLAUSE_END = Pattern.compile("[\\s.,;:]+$");

    private static String firstFew(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(5, names.size())));
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** Years as a person writes them: 5, 2.5. */
    static String format(double years) {
        return years == Math.rint(years) ? String.valueOf((int) years) : String.valueOf(round(years));
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
