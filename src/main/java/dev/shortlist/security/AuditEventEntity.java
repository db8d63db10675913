package dev.shortlist.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code audit_events}, as admins read it. Rows are written by {@link SecurityAudit}
 * on the SQL client: a write that must never wait, may start on any thread, and must not join
 * the session of the request it reports on.
 */
@Entity
@Table(name = "audit_events")
public class AuditEventEntity {

    @Id
    public long id;

    public Instant at;

    public String kind;

    public String owner;

    @Column(name = "client_ip")
    public String clientIp;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;

    AuditEvents.Event toEvent() {
        return new AuditEvents.Event(id, at, kind, owner, clientIp, detail == null ? Map.of() : detail);
    }
}
