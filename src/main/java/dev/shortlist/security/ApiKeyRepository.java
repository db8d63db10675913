package dev.shortlist.security;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The {@code api_keys} table. */
@ApplicationScoped
@WithSession
class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, UUID> {

    Uni<ApiKeyEntity> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResult();
    }

    Uni<List<ApiKeyEntity>> listByAge() {
        return listAll(Sort.by("createdAt").and("id"));
    }
}
