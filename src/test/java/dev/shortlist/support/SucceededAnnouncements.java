package dev.shortlist.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Counts, per job, the database's announcements that it became succeeded (it announces
 * every change of status on {@code shortlist_job_events}, a line per job): a job completed exactly once
 * was announced succeeded exactly once.
 */
public final class SucceededAnnouncements {

    private final Map<UUID, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final Thread thread;

    public SucceededAnnouncements(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("LISTEN shortlist_job_events");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        thread = new Thread(() -> {
            try {
                while (listening.get()) {
                    PGNotification[] notifications = pg.getNotifications(200);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        for (String line : notification.getParameter().split("\n")) {
                            String[] parts = line.split(" ");
                            if (parts[1].equals("succeeded")) {
                                counts.merge(UUID.fromString(parts[0]), 1, Integer::sum);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
    }

    /** How many times the job was announced succeeded. */
    public int of(UUID id) {
        return counts.getOrDefault(id, 0);
    }

    public void stop() throws InterruptedException {
        listening.set(false);
        thread.join();
    }
}
