package dev.shortlist.platform.cpu;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Hands an answer back to the Vert.x context that asked for it. A client answers on its own
 * thread (the CPU pool, a Redis or HTTP connection's event loop); the caller's next steps
 * belong on the caller's context, which holds a job's log fields and trace and, for a job,
 * one of the pipeline's event loops, so a job's work never goes on on a loop serving requests.
 */
public final class OnCaller {

    private OnCaller() {
    }

    /** {@code answer}, delivered on {@code caller}; as is when there is no caller context. */
    public static <T> Uni<T> backOn(Context caller, Uni<T> answer) {
        if (caller == null) {
            return answer;
        }
        return answer.emitOn(next -> {
            if (io.vertx.core.Vertx.currentContext() == caller) {
                next.run();
            } else {
                caller.runOnContext(ignored -> next.run());
            }
        });
    }
}
