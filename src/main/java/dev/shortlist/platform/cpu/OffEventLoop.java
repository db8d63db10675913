package dev.shortlist.platform.cpu;

import io.quarkus.logging.Log;
import io.vertx.core.Context;

/**
 * The check at each CPU entry point (screening, masking, normalising, hashing, the local
 * engine, extraction, rendering) that it is not running on an event-loop thread. It logs
 * an error; with {@code shortlist.cpu.fail-on-event-loop} (on in tests) it also throws, so
 * CPU work that lands on the loop fails the request or job that put it there.
 */
public final class OffEventLoop {

    private static volatile boolean failing;

    private OffEventLoop() {
    }

    static void failing(boolean fail) {
        failing = fail;
    }

    /** @param work what is about to run, for the message */
    public static void check(String work) {
        if (Context.isOnEventLoopThread()) {
            String message = work + " ran on the event loop (" + Thread.currentThread().getName() + "); it belongs on the CPU pool";
            Log.error(message);
            if (failing) {
                throw new IllegalStateException(message);
            }
        }
    }
}
