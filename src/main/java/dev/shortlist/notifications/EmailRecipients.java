package dev.shortlist.notifications;

import dev.shortlist.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the addresses a batch asks to be emailed at, before anything is stored. */
@ApplicationScoped
public class EmailRecipients {

    /**
     * A bare address (no display name, no quoted or commented parts): a dot-atom local part
     * and a host name with a top-level domain. Anything that could spill into other headers
     * (spaces, commas, angle brackets, line breaks) never matches.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    /** Refuses a batch's addresses, naming each one at fault. */
    public static class Refused extends ProblemException {

        private final List<FieldError> errors;

        Refused(List<FieldError> errors) {
            super(422, "invalid-email-address", "Unprocessable Content", errors.get(0).field() + " " + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        @Override
        public String detail() {
            return String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        }

        @Override
        public List<FieldError> fieldErrors() {
            return errors;
        }
    }

    private final BatchEmailConfig config;

    EmailRecipients(BatchEmailConfig config) {
        this.config = config;
    }

    /**
     * The addresses to store: each checked, duplicates (ignoring case) dropped, in the
     * caller's order; empty when none were given.
     *
     * @param field the JSON path of the list, for the answer that names a bad entry
     */
    public List<String> checked(List<String> addresses, String field) {
        if (addresses == null || addresses.isEmpty()) {
            return List.of();
        }
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (addresses.size() > config.maxRecipients()) {
            errors.add(new ProblemException.FieldError(field,
                    "holds " + addresses.size() + " addresses; the limit is " + config.maxRecipients()));
            throw new Refused(errors);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            String problem = problemWith(address);
            if (problem != null) {
                errors.add(new ProblemException.FieldError(field + "[" + i + "]", problem));
            } else if (seen.add(address.toLowerCase(Locale.ROOT))) {
                kept.add(address);
            }
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        return List.copyOf(kept);
    }

    static String problemWith(String address) {
        if (address == null || address.isBlank()) {
            return "must be an email address, not blank";
        }
        if (address.length() > MAX_LENGTH || address.indexOf('@') > MAX_LOCAL_LENGTH) {
            return "is too long for an email address";
        }
        if (!ADDRESS.matcher(address).matches()) {
            return "is not an email address such as recruiter@example.com";
        }
        return null;
    }
}
