package io.djflink.media;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.djflink.ops.AsyncOp;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A filter on how much of its items' pictures text covers: one stat value per item (an image, or a
 * video's sampled frames), the mean over the item's pictures of the summed text-box areas over the
 * picture's area ({@link TextDetector}), kept when in [min_area_ratio, max_area_ratio], reduced by
 * {@code any_or_all}.
 *
 * <p>It runs in the recipe's async stage: pictures are decoded and prepared off the task thread
 * and the detector runs on the inference service's micro-batches across pictures and samples.
 * Run inline (no async stage, or the conformance runner), it waits for the same futures.
 */
public abstract class TextAreaFilter extends MultiItemFilter implements AsyncOp {

    private final String stat;
    private final Double minRatio;
    private final Double maxRatio;
    private final TextDetector.Settings settings;
    private TextDetector detector;

    protected TextAreaFilter(Params p, String stat) {
        super(p);
        this.stat = stat;
        this.minRatio = p.numberOrNull("min_area_ratio");
        this.maxRatio = p.numberOrNull("max_area_ratio");
        this.settings = TextDetector.Settings.of(p);
    }

    /** The bounds, {@code any_or_all} and the detector's parameters; {@code what} names the pictures. */
    protected static List<ParamSpec> textAreaParams(String what) {
        List<ParamSpec> p = new ArrayList<>(List.of(
                ParamSpec.of("min_area_ratio", ParamType.FLOAT, 0.0, "minimum share of the " + what + " covered by text boxes").allowNull(),
                ParamSpec.of("max_area_ratio", ParamType.FLOAT, 1.0, "maximum share of the " + what + " covered by text boxes").allowNull(),
                ANY_OR_ALL));
        p.addAll(TextDetector.params());
        return p;
    }

    /** Each item's pictures, in the sample's item order; called on the preparation pool in the async stage. */
    protected abstract List<List<DecodedImage>> pictures(Sample sample, SampleContext ctx) throws MediaException;

    @Override
    public synchronized void open() throws Exception {
        if (detector == null) {
            detector = TextDetector.open(settings);
        }
    }

    @Override
    public CompletableFuture<List<Sample>> applyAsync(Sample sample) {
        if (hasStats(sample)) {
            return CompletableFuture.completedFuture(List.of(sample));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return pictures(sample, new SampleContext());
            } catch (MediaException e) {
                throw new CompletionException(e);
            }
        }, TextDetector.preparePool()).thenCompose(items -> ratios(sample, items)).thenApply(List::of);
    }

    @Override
    public void computeStats(Sample sample, SampleContext ctx) throws Exception {
        if (hasStats(sample)) {
            return;
        }
        try {
            ratios(sample, pictures(sample, ctx)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private CompletableFuture<Sample> ratios(Sample sample, List<List<DecodedImage>> items) {
        try {
            open();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Double>> parts = new ArrayList<>(items.size());
        for (List<DecodedImage> pictures : items) {
            parts.add(detector.meanAreaRatio(pictures));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ArrayNode values = newStatList(sample, stat);
            for (CompletableFuture<Double> f : parts) {
                values.add(f.join());
            }
            return sample;
        });
    }

    @Override
    protected final boolean keepItem(Sample sample, int i) {
        return inRange(statItem(sample, stat, i), minRatio, maxRatio);
    }

    @Override
    public final List<String> statKeys() {
        return List.of(stat);
    }

    @Override
    public Integer capacity() {
        return settings.capacity();
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public Map<String, Supplier<Number>> gauges() {
        return detector == null ? Map.of() : detector.gauges();
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
