package dev.shortlist.notifications;

import dev.shortlist.jobs.BatchService;
import dev.shortlist.jobs.JobType;
import dev.shortlist.jobs.Shortlist;
import dev.shortlist.jobs.ShortlistEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Emails each address a batch asked for once the batch completes. Each poll queues the
 * emails of batches that just completed (see {@link BatchEmailOutbox}), then claims due
 * emails under a lease and sends them through the reactive mailer. An unreachable server is
 * retried with backoff for {@code shortlist.email.retry-for}; an address the server refuses
 * for good is given up at once. Delivery is at most once per address while the service runs,
 * at least once across crashes: a replica killed between the server's "250 OK" and the
 * database write leaves the email to be sent again when its lease runs out.
 */
@ApplicationScoped
public class BatchEmailSender {

    /** The completion email, plain text and HTML: {@code templates/BatchEmails/batchCompleted.txt} and {@code .html}. */
    @CheckedTemplate(basePath = "BatchEmails")
    static class Templates {
        static native MailTemplateInstance batchCompleted(BatchCompletion batch);
    }

    private final BatchEmailOutbox outbox;
    private final BatchService batches;
    private final BatchEmailConfig config;
    private final MeterRegistry registry;

    BatchEmailSender(BatchEmailOutbox outbox, BatchService batches, BatchEmailConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.batches = batches;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(identity = "batch-emails", every = "${shortlist.email.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return sendDue().onFailure().invoke(failure -> Log.warnf("Batch email poll failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: queue the emails of completed batches, then send what is due. Answers how many were sent. */
    public Uni<Integer> sendDue() {
        return outbox.queueCompletedAndClaim(config.batchSize())
                .chain(due -> {
                    Map<UUID, List<BatchEmailOutbox.Due>> byBatch = new LinkedHashMap<>();
                    due.forEach(email -> byBatch.computeIfAbsent(email.batchId(), id -> new ArrayList<>()).add(email));
                    List<Uni<Integer>> sends = new ArrayList<>();
                    byBatch.values().forEach(emails -> sends.add(sendAll(emails)));
                    return sends.isEmpty() ? Uni.createFrom().item(0)
                            : Uni.join().all(sends).andCollectFailures().map(sent -> sent.stream().mapToInt(Integer::intValue).sum());
                });
    }

    /** One batch's emails: its summary is read once, then each address gets its own message. */
    private Uni<Integer> sendAll(List<BatchEmailOutbox.Due> emails) {
        BatchEmailOutbox.Due first = emails.get(0);
        return completion(first.batchId(), first.owner())
                .chain(completion -> Uni.join().all(emails.stream().map(email -> send(email, completion)).toList())
                        .andCollectFailures())
                .onFailure().recoverWithUni(failure -> Uni.join().all(emails.stream()
                        .map(email -> failed(email, failure)).toList()).andCollectFailures())
                .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<BatchCompletion> completion(UUID batchId, String owner) {
        // Read as the owner would: the same counts and ranking the API answers.
        return batches.find(owner, batchId).chain(batch -> (batch.type() == JobType.SCORE
                ? batches.shortlist(owner, batchId, config.topCandidates()).map(Shortlist::scored)
                : Uni.createFrom().item(List.<ShortlistEntry>of()))
                .map(top -> BatchCompletion.of(batch, top, config.publicBaseUrl())));
    }

    private Uni<Boolean> send(BatchEmailOutbox.Due email, BatchCompletion completion) {
        Mail headers = new Mail()
                // The same id on every attempt: a mail client shows a message that arrives twice once.
                .addHeader("Message-ID", "<" + email.id() + "@" + messageIdDomain() + ">")
                // RFC 3834: no out-of-office replies to an automatic message.
                .addHeader("Auto-Submitted", "auto-generated");
        return Templates.batchCompleted(completion).mail(headers).to(email.recipient()).subject(completion.subject())
                .send()
                .ifNoItem().after(config.timeout()).failWith(() -> new TimeoutException("no answer from the SMTP server within "
                        + config.timeout().toSeconds() + "s"))
                .chain(() -> outbox.sent(email))
                .invoke(() -> {
                    registry.counter("shortlist_batch_emails", "outcome", "sent").increment();
                    Log.infof("Batch %s: completion email sent to %s", email.batchId(), email.recipient());
                })
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> failed(email, failure));
    }

    private Uni<Boolean> failed(BatchEmailOutbox.Due email, Throwable failure) {
        String error = DeliveryError.of(failure);
        return outbox.failed(email, error, permanent(failure))
                .invoke(gaveUp -> {
                    registry.counter("shortlist_batch_emails", "outcome", gaveUp ? "gave_up" : "retry").increment();
                    if (gaveUp) {
                        Log.warnf("Batch %s: gave up emailing %s after %d attempts: %s", email.batchId(), email.recipient(),
                                email.attempt(), error);
                    } else {
                        Log.infof("Batch %s: emailing %s failed (attempt %d), will retry: %s", email.batchId(),
                                email.recipient(), email.attempt(), error);
                    }
                })
                .replaceWith(false);
    }

    private String messageIdDomain() {
        String host = config.publicBaseUrl().getHost();
        return host == null || host.isBlank() ? "shortlist" : host;
    }

    /** A 5xx answer (mailbox unknown, relaying refused) will not change by asking again. */
    static boolean permanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }
}
