package io.djflink.ops;

import java.util.List;

/**
 * Data-Juicer's Filter: {@link #computeStats} writes statistics into {@code __dj__stats__}
 * (skipping any already present), {@link #keep} decides from them.
 */
public interface Filter extends Op {

    void computeStats(Sample sample, SampleContext ctx) throws Exception;

    boolean keep(Sample sample);

    /** The stat keys this filter writes and decides on (empty for non-stats filters). */
    List<String> statKeys();
}
