package io.djflink.ops;

/** Edits a sample in place (Data-Juicer's row-preserving Mapper). */
public interface Mapper extends Op {

    void map(Sample sample, SampleContext ctx) throws Exception;
}
