-- Documents read from scans by OCR say so: the pages read, the mean confidence of the words
-- read (0-1), and the scanned pages beyond the OCR page limit that were not read. All null on
-- documents whose text was in the file.
ALTER TABLE documents
    ADD COLUMN ocr_pages          integer,
    ADD COLUMN ocr_confidence     double precision,
    ADD COLUMN ocr_pages_not_read integer,
    ADD CONSTRAINT ocr_all_or_none CHECK ((ocr_pages IS NULL) = (ocr_confidence IS NULL)
                                         AND (ocr_pages IS NULL) = (ocr_pages_not_read IS NULL)),
    ADD CONSTRAINT ocr_confidence_fraction CHECK (ocr_confidence BETWEEN 0 AND 1);
