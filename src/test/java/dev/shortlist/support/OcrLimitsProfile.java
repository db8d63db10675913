package dev.shortlist.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** OCR reads at most two scanned pages of a document, so that a short PDF passes the limit. */
public class OcrLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shortlist.documents.ocr.max-pages", "2");
    }
}
