package dev.shortlist.jobs;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Function;

/**
 * Writes waiting requests together, as one multi-row statement and one commit, and answers
 * each on its own: only after the statement committed, so no caller hears of a write that
 * did not happen, and on the Vert.x context the caller came from, where it continues. A
 * statement that fails (a deadlock, one row breaking a constraint) is retried row by row,
 * so one bad row fails only its own waiter.
 *
 * <p>When to write, and which waiters go together, is the caller's policy, not this class's.
 */
public final class GroupedWrites {

    private GroupedWrites() {
    }

    /**
     * A request waiting for the statement that carries its row.
     *
     * @param context where to answer; null when the request came from outside Vert.x
     * @param since   {@link System#nanoTime()} when it began to wait, for callers that bound the wait
     */
    public record Waiter<R, A>(R row, UniEmitter<? super A> answer, Context context, long since) {

        /** A waiter from now, answered on the current Vert.x context. */
        public static <R, A> Waiter<R, A> of(R row, UniEmitter<? super A> answer) {
            return new Waiter<>(row, answer, Vertx.currentContext(), System.nanoTime());
        }

        public void answer(A value) {
            if (context == null) {
                answer.complete(value);
            } else {
                context.runOnContext(ignored -> answer.complete(value));
            }
        }

        public void fail(Throwable failure) {
            if (context == null) {
                answer.fail(failure);
            } else {
                context.runOnContext(ignored -> answer.fail(failure));
            }
        }
    }

    /**
     * Writes the group in one statement; {@code answers} reads, from what the statement
     * returned, each row's own answer (a row the statement did not touch has one too).
     */
    public static <R, S, A> void write(List<Waiter<R, A>> group, Function<List<R>, Uni<S>> statement,
            Function<S, Function<R, A>> answers) {
        write(group, statement, answers, () -> {
        });
    }

    /**
     * As {@link #write(List, Function, Function)}; {@code ended} runs once the group's own
     * statement is over: after the answers when it committed, and before the row-by-row
     * retries when it failed, as the retries are not the group's statement.
     */
    public static <R, S, A> void write(List<Waiter<R, A>> group, Function<List<R>, Uni<S>> statement,
            Function<S, Function<R, A>> answers, Runnable ended) {
        statement.apply(group.stream().map(Waiter::row).toList()).subscribe().with(
                result -> {
                    answer(group, answers.apply(result));
                    ended.run();
                },
                failure -> {
                    ended.run();
                    if (group.size() == 1) {
                        group.get(0).fail(failure);
                    } else {
                        group.forEach(alone -> statement.apply(List.of(alone.row())).subscribe().with(
                                result -> alone.answer(answers.apply(result).apply(alone.row())), alone::fail));
                    }
                });
    }

    private static <R, A> void answer(List<Waiter<R, A>> group, Function<R, A> answerOf) {
        group.forEach(waiter -> waiter.answer(answerOf.apply(waiter.row())));
    }
}
