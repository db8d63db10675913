package dev.shortlist.documents;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on uploaded documents, which are untrusted input. */
@ConfigMapping(prefix = "shortlist.documents")
public interface DocumentsConfig {

    /** Largest upload accepted. Default 10M. Resumes are rarely over 1 MB. */
    @WithDefault("10M")
    MemorySize maxSize();

    /** Most entries a DOCX (a zip) may hold; real resumes have a few dozen. Default 1000. */
    @WithDefault("1000")
    int maxZipEntries();

    /** Most bytes a DOCX may expand to; beyond it, it is treated as a decompression bomb. Default 100M. */
    @WithDefault("100M")
    MemorySize maxExpandedSize();

    /** Most pages read from a PDF. Default 50. */
    @WithDefault("50")
    int maxPages();

    /** Most characters of text kept from one document. Default 200000. */
    @WithDefault("200000")
    int maxChars();
}
