package dev.shortlist.jobs;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Failed jobs across tenants: listing, and replay by filter with quarantine of inputs that keep failing. */
@ApplicationScoped
public class DeadLetters {

    private final DeadLetterRepository repository;
    private final DeadLettersConfig config;
    private final JobEvents events;

    DeadLetters(DeadLetterRepository repository, DeadLettersConfig config, JobEvents events) {
        this.repository = repository;
        this.config = config;
        this.events = events;
    }

    public Uni<List<DeadLetter>> list(DeadLetterFilter filter, JobCursor after, int limit) {
        return repository.list(filter, after, limit);
    }

    /** Re-queues the failed jobs the filter matches (or only counts them on a dry run); the pipelines wake at once. */
    public Uni<ReplayOutcome> replay(DeadLetterFilter filter, boolean dryRun) {
        if (dryRun) {
            return repository.dryRun(filter, config.quarantineAfter());
        }
        return repository.replay(filter, config.quarantineAfter(), config.replayLimit()).invoke(outcome -> {
            if (!outcome.replayed().isEmpty()) {
                events.announceSubmitted();
            }
        });
    }
}
