package io.djflink.ops.video;

import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.VideoAccess;
import io.djflink.ops.BaseOp;
import io.djflink.ops.Deduplicator;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.OpRegistry;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import io.djflink.ops.dedup.DedupTtl;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Exact dedup of samples by their videos, as Data-Juicer's {@code video_deduplicator}: the
 * signature is one MD5 over the packet data of every video stream of the sample's videos (each
 * distinct path once, in list order; audio and container metadata do not count), so the same
 * encoded video in two files, or in two containers, is a duplicate. With {@code consider_text}
 * the MD5 of the stripped text ({@code document_deduplicator}'s signature) joins it. The first
 * sample of each signature is kept, by the same keyed stage as {@code document_deduplicator}.
 *
 * <p>A sample without videos is never a duplicate unless {@code consider_text} is set (then
 * samples without videos are compared by their text), as in Data-Juicer: it gets a signature of
 * its own.
 */
public final class VideoDeduplicator extends BaseOp implements Deduplicator {

    private final String videoKey;
    private final Deduplicator text;
    private final VideoAccess videos;
    private final MessageDigest md5;

    VideoDeduplicator(Params p) {
        super(p);
        this.videoKey = p.string("video_key");
        this.text = p.bool("consider_text")
                ? (Deduplicator) OpRegistry.get().factory("document_deduplicator").create(Map.of("text_key", textKey))
                : null;
        DedupTtl.of(p); // read by the engine; checked here so that validation reports a bad value
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java runtime", e);
        }
    }

    @Override
    public String hash(Sample sample, SampleContext ctx) throws Exception {
        String videoHash = videoHash(sample);
        if (text != null) {
            return videoHash + "\t" + text.hash(sample, ctx);
        }
        // Data-Juicer keeps every sample whose video hash is empty: a key no other sample has
        return videoHash.isEmpty() ? "\u0000unique:" + UUID.randomUUID() : videoHash;
    }

    private String videoHash(Sample sample) throws MediaException {
        List<String> locations = MediaAccess.locations(sample, videoKey);
        if (locations.isEmpty()) {
            return "";
        }
        md5.reset();
        for (String location : new LinkedHashSet<>(locations)) {
            videos.videoPackets(location, (data, length) -> md5.update(data, 0, length));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Registers {@code video_deduplicator}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_deduplicator";
        }

        @Override
        public OpKind kind() {
            return OpKind.DEDUPLICATOR;
        }

        @Override
        public String doc() {
            return "drops exact duplicates by the MD5 of the videos' stream packets (optionally with the text's MD5); the "
                    + "first occurrence survives";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            return List.of(
                    ParamSpec.of("consider_text", ParamType.BOOL, false, "also require the same text (MD5 of the stripped text)"),
                    DedupTtl.PARAM,
                    MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
        }

        @Override
        public Op create(Params p) {
            return new VideoDeduplicator(p);
        }
    }
}
