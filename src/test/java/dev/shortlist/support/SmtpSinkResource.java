package dev.shortlist.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the test's own SMTP server (see {@link SmtpSink}) and points the mailer at it. */
public class SmtpSinkResource implements QuarkusTestResourceLifecycleManager {

    public static final String PUBLIC_BASE_URL = "https://shortlist.example.com";

    @Override
    public Map<String, String> start() {
        SmtpSink.instance().start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(SmtpSink.instance().port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.from", "Shortlist <shortlist@example.com>",
                "shortlist.email.public-base-url", PUBLIC_BASE_URL,
                "shortlist.email.top-candidates", "2");
    }

    @Override
    public void stop() {
        SmtpSink.instance().stop();
    }
}
