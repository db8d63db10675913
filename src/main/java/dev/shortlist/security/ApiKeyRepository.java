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

    /** The key whose secret, current or replaced by a rotation, hashes to this. */
    Uni<ApiKeyEntity> findBySecretHash(String keyHash) {
        return find("keyHash = ?1 or previousKeyHash = ?1", keyHash).firstResult();
    }

    Uni<List<ApiKeyEntity>> listByAge() {
        return listAll(Sort.by("createdAt").and("id"));
    }
}
