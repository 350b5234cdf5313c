package io.djflink.ops.image;

import io.djflink.media.ImageDecoder;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.dedup.DedupTtl;
import io.djflink.ops.dedup.DocumentDeduplicator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exact dedup on perceptual image hashes ({@link ImageHash}): the signature of a sample is the
 * hashes of its images concatenated, each distinct path once in list order (Data-Juicer collects
 * the images in a dict keyed by path); with {@code consider_text} also the MD5 of its stripped
 * text (document_deduplicator's signature). The first sample of each signature survives; the
 * keyed exact-dedup stage decides, as for document_deduplicator.
 *
 * <p>A sample without images has no image hash, and Data-Juicer keeps every such sample: without
 * {@code consider_text} it gets a signature no other sample has (so in streaming mode it leaves a
 * small state entry, like any unique sample, until {@code dedup_ttl}); with {@code consider_text}
 * its text alone decides, as in Data-Juicer, where the pair (empty image hash, text hash) is
 * compared.
 */
public final class ImageDeduplicator extends BaseOp implements Deduplicator {

    private static final List<String> METHODS = List.of("phash", "dhash", "whash", "ahash");

    private final String imageKey;
    private final ImageHash method;
    private final Deduplicator text;
    private final MediaAccess media;
    /** Distinguishes this instance's image-less signatures from those of every other. */
    private final String unique = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private long imageless;

    ImageDeduplicator(Params p) {
        super(p);
        this.imageKey = p.string("image_key");
        this.method = ImageHash.of(p.string("method"));
        // Data-Juicer builds a DocumentDeduplicator with the op's own arguments: its defaults otherwise
        this.text = p.bool("consider_text")
                ? (Deduplicator) new DocumentDeduplicator.Factory().create(Map.of("text_key", textKey))
                : null;
        this.media = new MediaAccess(MediaLimits.of(p));
        DedupTtl.of(p);
    }

    @Override
    public void open() {
        ImageDecoder.load();
    }

    @Override
    public String hash(Sample sample, SampleContext ctx) throws Exception {
        StringBuilder sig = new StringBuilder();
        for (String location : new LinkedHashSet<>(MediaAccess.locations(sample, imageKey))) {
            sig.append(method.hash(media.image(ctx, location)));
        }
        if (text != null) {
            return sig.append(':').append(text.hash(sample, ctx)).toString();
        }
        return sig.length() > 0 ? sig.toString() : "no image " + unique + " " + imageless++;
    }

    /** Registers {@code image_deduplicator}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "image_deduplicator";
        }

        @Override
        public OpKind kind() {
            return OpKind.DEDUPLICATOR;
        }

        @Override
        public String doc() {
            return "drops samples whose images have the same perceptual hashes (imagededup's phash, dhash, whash or ahash),"
                    + " optionally together with the same text; the first occurrence survives";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("method", ParamType.STRING, "phash", "hash method: phash, dhash, whash or ahash")
                            .oneOf(METHODS.toArray(new String[0])),
                    ParamSpec.of("consider_text", ParamType.BOOL, false,
                            "a duplicate must also have the same text (MD5 of the stripped text, as document_deduplicator)"),
                    DedupTtl.PARAM,
                    MediaLimits.bytesParam(MediaLimits.IN_MEMORY_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new ImageDeduplicator(p);
        }
    }
}
