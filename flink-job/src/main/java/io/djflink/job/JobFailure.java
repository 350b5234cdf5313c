package io.djflink.job;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;

/**
 * A job that failed for a reason other than an op's ({@link io.djflink.run.OpFailure}). Flink
 * reports every failure as "Job execution failed." wrapped around "Recovery is suppressed ..."; the
 * message here names what failed below those wrappers, and its deepest cause, so a log line or a
 * test summary says why. The cause keeps Flink's whole chain.
 */
public final class JobFailure extends RuntimeException {

    JobFailure(Throwable flinkFailure) {
        super(reason(flinkFailure), flinkFailure);
    }

    /** "job failed: " and the first cause below Flink's wrappers, then the root cause if it differs. */
    static String reason(Throwable failure) {
        Throwable first = failure;
        while (first.getCause() != null && isWrapper(first)) {
            first = first.getCause();
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "job failed: " + describe(first) + (root == first ? "" : "; caused by " + describe(root));
    }

    /** Class and message, the same whether the failure crossed from a TaskManager or not. */
    private static String describe(Throwable t) {
        // A SerializedThrowable's message is the original's toString.
        return t instanceof org.apache.flink.util.SerializedThrowable ? t.getMessage() : t.toString();
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof JobExecutionException || t instanceof JobException;
    }
}
