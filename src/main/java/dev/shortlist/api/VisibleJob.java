package dev.shortlist.api;

import dev.shortlist.jobs.Job;
import dev.shortlist.jobs.JobWatchers;
import dev.shortlist.security.CallerContext;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Marks a streaming method whose job must be visible to the caller before the stream
 * starts. Once a stream has begun its status is sent, so an unknown (or another
 * owner's) job must be turned away here, as a 404 problem, rather than by a failing stream.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface VisibleJob {

    /** The check itself, applied only to methods carrying {@link VisibleJob}. */
    class Filter {

        /** Where the job read here waits for the method, which streams from it instead of reading it again. */
        private static final String VISIBLE = VisibleJob.class.getName();

        private final JobWatchers watchers;
        private final CallerContext callers;

        Filter(JobWatchers watchers, CallerContext callers) {
            this.watchers = watchers;
            this.callers = callers;
        }

        /** Reads the job with other watchers' reads (one statement for many), not a statement of its own. */
        @VisibleJob
        @ServerRequestFilter
        public Uni<RestResponse<Void>> jobIsVisible(ContainerRequestContext request, RoutingContext routing) {
            // A null item lets the request through; a missing job fails with a 404 problem.
            return pathId(request).chain(jobId -> watchers.readOwned(jobId, callers.owner()))
                    .invoke(job -> routing.put(VISIBLE, job))
                    .replaceWith((RestResponse<Void>) null);
        }

        /** The job this filter found visible for the request. */
        static Job visible(RoutingContext routing) {
            return routing.get(VISIBLE);
        }

        /** The {id} of the request's path; an id that is not a UUID names nothing, so it is a 404 too. */
        static Uni<UUID> pathId(ContainerRequestContext request) {
            try {
                return Uni.createFrom().item(UUID.fromString(request.getUriInfo().getPathParameters().getFirst("id")));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Uni.createFrom().failure(new jakarta.ws.rs.NotFoundException());
            }
        }
    }
}
