package org.supportflow.ticket.publish;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.FailedExecution;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled job that fires while the service is still starting must wait for it, not fail: the outbox relay's
 * sweep used to run before the messaging channels were connected and logged an error with a stack trace every
 * second until they were (an operator reads that as a broken start).
 */
@QuarkusTest
class ScheduledJobsAtStartupTest {

    /** Every scheduled execution that failed before the service had started. */
    @Singleton
    static class FailuresWhileStarting {
        final List<String> failures = new CopyOnWriteArrayList<>();
        private volatile boolean started;

        void onFailure(@Observes FailedExecution failed) {
            if (!started) {
                failures.add(failed.getExecution().getTrigger().getId() + ": " + failed.getException());
            }
        }

        void onStarted(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
            started = true;
        }
    }

    @Inject
    FailuresWhileStarting recorder;

    @Test
    void noScheduledJobFailsWhileTheServiceStarts() {
        assertThat(recorder.started).as("the recorder saw the start").isTrue();
        assertThat(recorder.failures).isEmpty();
    }
}
