package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A test profile whose mail goes to an SMTP server the test may stop and restart. */
public class SmtpSinkProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SmtpSinkResource.class));
    }
}
