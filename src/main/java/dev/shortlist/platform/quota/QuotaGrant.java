package dev.shortlist.platform.quota;

import java.time.Duration;

/**
 * The quota's answer: go ahead, or wait this long because {@code limit} ({@code requests-per-minute},
 * {@code tokens-per-minute}, {@code requests-per-day}) is used up.
 */
public record QuotaGrant(boolean granted, Duration waitFor, String limit, long minuteWindow) {

    static QuotaGrant granted(long minuteWindow) {
        return new QuotaGrant(true, Duration.ZERO, null, minuteWindow);
    }

    static QuotaGrant denied(Duration waitFor, String limit) {
        return new QuotaGrant(false, waitFor, limit, -1);
    }
}
