package dev.shortlist.platform.quota;

/** The kinds of request that are limited separately: writing jobs costs more than reading them. */
public enum RouteClass {
    /** POST /api/v1/jobs, POST /api/v1/batches, POST /api/v1/jobs/{id}/retry. */
    SUBMIT("submit"),
    /** POST /api/v1/documents, POST /api/v1/documents/bulk (one unit per request). */
    UPLOAD("upload"),
    /** Everything else under /api/v1. */
    READ("read");

    private final String wireName;

    RouteClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
