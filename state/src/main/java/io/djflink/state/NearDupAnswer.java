package io.djflink.state;

/**
 * What one candidate bucket says, in streaming mode, about one sample: whether the bucket holds an
 * earlier near-duplicate of it (event time, then ingestion order), and which. A sample gets one
 * answer per candidate key. A Flink POJO.
 */
public class NearDupAnswer {

    /** The sample's ingestion order. */
    public long order;
    /** How many answers the sample gets in total. */
    public int count;
    public boolean duplicate;
    /** The order and id of the earlier member it duplicates, when {@link #duplicate}. */
    public long survivor;
    public String survivorId;
    /** The op's similarity of the pair, NaN when the bucket has no signatures (MinHash). */
    public double similarity = Double.NaN;
    /** Whether the member was behind the watermark when it arrived (decided against what was seen so far). */
    public boolean late;

    public NearDupAnswer() {}

    /** An answer that the sample has no earlier near-duplicate in this bucket. */
    static NearDupAnswer unique(long order, int count, boolean late) {
        NearDupAnswer a = new NearDupAnswer();
        a.order = order;
        a.count = count;
        a.late = late;
        return a;
    }

    /** An answer that the sample duplicates the earlier member {@code survivor}. */
    static NearDupAnswer duplicateOf(long order, int count, boolean late, long survivor, String survivorId, double similarity) {
        NearDupAnswer a = unique(order, count, late);
        a.duplicate = true;
        a.survivor = survivor;
        a.survivorId = survivorId;
        a.similarity = similarity;
        return a;
    }
}
