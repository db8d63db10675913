-- GET /api/v1/documents: an owner's documents newest first, paged by (created_at, id) like the job listing.
CREATE INDEX documents_owner_created_idx ON documents (owner, created_at DESC, id DESC);
