package dev.shortlist.api;

import dev.shortlist.jobs.BatchService;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Marks a streaming method whose batch must be visible to the caller before the stream
 * starts, so an unknown (or another owner's) batch is a 404 problem, not a failing stream.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface VisibleBatch {

    /** The check itself, applied only to methods carrying {@link VisibleBatch}. */
    class Filter {

        private final BatchService batches;
        private final CallerContext callers;

        Filter(BatchService batches, CallerContext callers) {
            this.batches = batches;
            this.callers = callers;
        }

        @VisibleBatch
        @ServerRequestFilter
        public Uni<RestResponse<Void>> batchIsVisible(ContainerRequestContext request) {
            return VisibleJob.Filter.pathId(request).chain(id -> batches.find(callers.owner(), id))
                    .replaceWith((RestResponse<Void>) null);
        }
    }
}
