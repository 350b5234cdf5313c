package io.djflink.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

class JobFailureTest {

    @Test
    void namesTheTaskFailureBelowFlinksWrappers() {
        Throwable task = new SerializedThrowable(new IllegalStateException("hold state corrupt",
                new IOException("No space left on device")));
        Throwable flink = new ExecutionException(new JobExecutionException(new JobID(), "Job execution failed.",
                new JobException("Recovery is suppressed by NoRestartBackoffTimeStrategy", task)));

        JobFailure f = new JobFailure(flink);

        assertThat(f.getMessage()).isEqualTo("job failed: java.lang.IllegalStateException: hold state corrupt"
                + "; caused by java.io.IOException: No space left on device");
        assertThat(f.getCause()).isSameAs(flink);
    }

    @Test
    void aFailureWithoutCausesIsNamedOnce() {
        assertThat(new JobFailure(new ExecutionException("lost the cluster", null)).getMessage())
                .isEqualTo("job failed: java.util.concurrent.ExecutionException: lost the cluster");
    }
}
