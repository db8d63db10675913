package dev.shortlist.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shortlist.jobs.BatchRepository;
import dev.shortlist.jobs.BatchWrites;
import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobsConfig;
import dev.shortlist.jobs.NewJob;
import dev.shortlist.llm.LlmRequest;
import dev.shortlist.platform.cpu.CpuPool;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The second stage of a re-scored batch, accepted as the first was: once the local engine
 * has ranked every resume, the remote model re-scores the best ones as new jobs.
 */
@ApplicationScoped
public class BatchRescores {

    private static final int RESCORES_STARTED_AT_ONCE = 20;

    private final BatchRepository batches;
    private final BatchWrites writes;
    private final CpuPool cpu;
    private final JobsConfig jobsConfig;

    BatchRescores(BatchRepository batches, BatchWrites writes, CpuPool cpu, JobsConfig jobsConfig) {
        this.batches = batches;
        this.writes = writes;
        this.cpu = cpu;
        this.jobsConfig = jobsConfig;
    }

    /**
     * Begins the second stage of every re-scored batch whose first stage has ended: the
     * remote model re-scores its best resumes. Returns how many batches began it.
     */
    public Uni<Integer> startDue() {
        return batches.rescoreDue(RESCORES_STARTED_AT_ONCE)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> writes.startRescore(id, best -> cpu.run(() -> rescoring(best))))
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    /** A second-stage job per first-stage one: the same input, on the remote model. */
    private List<NewJob> rescoring(List<Job> best) {
        List<NewJob> jobs = new ArrayList<>(best.size());
        for (Job first : best) {
            ObjectNode input = first.input().deepCopy();
            ObjectNode options = input.get("options") instanceof ObjectNode given ? given : input.putObject("options");
            options.put("engine", LlmRequest.REMOTE);
            jobs.add(new NewJob(UUID.randomUUID(), first.owner(), first.type(), first.priority(), first.batchId(), input,
                    InputHash.of(first.type(), input), null, jobsConfig.maxAttempts()));
        }
        return jobs;
    }
}
