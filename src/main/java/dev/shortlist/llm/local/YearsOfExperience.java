package dev.shortlist.llm.local;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Years of experience a resume shows: the union of its date ranges ("Jan 2015 – Present",
 * "03/2018 - 06/2020", "2012 to 2016"), overlapping jobs counted once, or what it states
 * ("8+ years of experience", "6 years in professional kitchens"), whichever is larger.
 * Education ranges are not passed in.
 */
final class YearsOfExperience {

    private static final String MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final String DATE = "(?:(?:" + MONTH + ")\\s*'?,?\\s*(\\d{4})|(\\d{1,2})\\s*[/.-]\\s*(\\d{4})|(\\d{4}))";
    private static final String OPEN_END = "(present|current|currently|now|today|till date|to date|date|ongoing|till now)";
    private static final Pattern RANGE = Pattern.compile(
            DATE + "\\s*(?:-|–|—|to|till|until|through)\\s*(?:" + DATE + "|" + OPEN_END + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATED = Pattern.compile(
            "(\\d{1,2}(?:\\.\\d)?)\\s*\\+?\\s*(?:years?|yrs?)\\b[^.\\n]{0,30}?\\bexperience", Pattern.CASE_INSENSITIVE);
    /**
     * Years stated as time spent in a field or role, without the word experience: "6 years in
     * professional kitchens", "10+ years as a paralegal", "over 8 years leading sales teams".
     * "In 3 years" or "a 2-year contract" say how long something took, not a career.
     */
    private static final Pattern STATED_IN_ROLE = Pattern.compile(
            "(?<![\\w.-])(\\d{1,2}(?:\\.\\d)?)\\s*\\+?\\s*(?:years?|yrs?)\\s+(?:in|as|across|working|leading|managing|teaching|serving)\\s+(?!a row\\b|total\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> STATED_YEARS = List.of(STATED, STATED_IN_ROLE);
    /** "Java - Experience - 48 months", "30 months of experience": months stated per skill or role. */
    private static final Pattern STATED_MONTHS = Pattern.compile(
            "experience\\s*[-:]\\s*(\\d{1,3})\\s*months|(\\d{1,3})\\s*months?\\b[^.\\n]{0,20}?\\bexperience",
            Pattern.CASE_INSENSITIVE);
    private static final int EARLIEST_YEAR = 1960;

    private YearsOfExperience() {
    }

    /** A span of months, inclusive of its first month, exclusive of its end. */
    private record Span(int from, int to) {
    }

    static double of(List<String> lines, YearMonth today) {
        List<Span> spans = new ArrayList<>();
        double stated = 0;
        int now = index(today.getYear(), today.getMonthValue());
        for (String line : lines) {
            if (!hasDigit(line)) {
                continue; // every pattern here needs a number
            }
            Matcher range = RANGE.matcher(line);
            while (range.find()) {
                int from = start(range, 1);
                int to = range.group(11) != null ? now + 1 : end(range, 6);
                if (from > 0 && to > from && to <= now + 1) {
                    spans.add(new Span(from, to));
                }
            }
            Matcher months = STATED_MONTHS.matcher(line);
            while (months.find()) {
                String count = months.group(1) != null ? months.group(1) : months.group(2);
                stated = Math.max(stated, Integer.parseInt(count) / 12.0);
            }
            for (Pattern statedYears : STATED_YEARS) {
                Matcher statement = statedYears.matcher(line);
                while (statement.find()) {
                    stated = Math.max(stated, Double.parseDouble(statement.group(1)));
                }
            }
        }
        return Math.min(50, Math.max(stated, months(spans) / 12.0));
    }

    /** The month index a DATE group starting at {@code group} denotes, taking January when only a year is given. */
    private static int start(Matcher m, int group) {
        return date(m, group, 1);
    }

    /** The month after the one a DATE denotes, taking December when only a year is given. */
    private static int end(Matcher m, int group) {
        int month = date(m, group, 12);
        return month > 0 ? month + 1 : -1;
    }

    private static int date(Matcher m, int group, int defaultMonth) {
        // Groups: month name, its year | numeric month, its year | bare year.
        if (m.group(group + 1) != null) {
            return index(Integer.parseInt(m.group(group + 1)), monthOf(m.group(group)));
        }
        if (m.group(group + 3) != null) {
            int month = Integer.parseInt(m.group(group + 2));
            return month >= 1 && month <= 12 ? index(Integer.parseInt(m.group(group + 3)), month) : -1;
        }
        if (m.group(group + 4) != null) {
            return index(Integer.parseInt(m.group(group + 4)), defaultMonth);
        }
        return -1;
    }

    private static boolean hasDigit(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int monthOf(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        return "janfebmaraprmayjunjulaugsepoctnovdec".indexOf(prefix) / 3 + 1;
    }

    private static int index(int year, int month) {
        return year < EARLIEST_YEAR || year > 2100 ? -1 : year * 12 + month - 1;
    }

    private static int months(List<Span> spans) {
        spans.sort(java.util.Comparator.comparingInt(Span::from));
        int total = 0;
        int coveredTo = Integer.MIN_VALUE;
        for (Span span : spans) {
            int from = Math.max(span.from(), coveredTo);
            if (span.to() > from) {
                total += span.to() - from;
                coveredTo = span.to();
            }
        }
        return total;
    }
}
