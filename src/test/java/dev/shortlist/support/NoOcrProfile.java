package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A server where the tesseract program is not installed (its command names no file). */
public class NoOcrProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shortlist.documents.ocr.command", "/nonexistent/tesseract");
    }
}
