package io.djflink.media;

import io.djflink.ops.SampleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * How video ops reach their videos: one per op, over the op's {@link MediaAccess} (and so its
 * {@link MediaLimits}). What it reads is cached in the sample's context like every media value,
 * so the ops of a fused chain probe a video once, and sample its frames once per sampling:
 *
 * <ul>
 *   <li>{@link #info}: the container's declaration of the first video stream (no decoding);
 *   <li>{@link #frames}: the frames Data-Juicer's frame-based ops sample ({@link FrameSampling}),
 *       as BGR images (see {@link FrameImages} for {@code BufferedImage} and OpenCV {@code Mat});
 *   <li>{@link #decode}: a decoder over the whole video, for ops that walk it themselves.
 * </ul>
 *
 * <pre>{@code
 * private final VideoAccess videos;   // new VideoAccess(new MediaAccess(MediaLimits.of(params)))
 *
 * for (String location : MediaAccess.locations(sample, videoKey)) {
 *     List<DecodedImage> frames = videos.frames(ctx, location, FrameSampling.uniform(3));
 *     Mat first = FrameImages.toMat(frames.get(0));
 * }
 * }</pre>
 *
 * <p>Frames are decoded only after the video's duration is checked against
 * {@code max_video_seconds}. Failures are {@link MediaException}s naming the location.
 */
public final class VideoAccess {

    /** Receives the bytes of one packet; {@code data} is reused for the next packet. */
    @FunctionalInterface
    public interface PacketSink {
        void accept(byte[] data, int length);
    }

    /** Runs on an open decoder. */
    @FunctionalInterface
    public interface DecodeFunction<T> {
        T apply(VideoDecoder decoder) throws MediaException;
    }

    private final MediaAccess media;

    public VideoAccess(MediaAccess media) {
        this.media = media;
    }

    public MediaAccess media() {
        return media;
    }

    /**
     * What the video's first video stream declares, read once per sample.
     *
     * @throws MediaException when the file is missing, empty, over {@code max_media_bytes}, not a
     *     video FFmpeg reads (a truncated MP4, a text file named .mp4) or without a video stream
     */
    public VideoInfo info(SampleContext ctx, String location) throws MediaException {
        return media.cached(ctx, "video-info", location, () -> media.withLocalFile(location, f -> VideoInfo.probe(location, f)));
    }

    /**
     * The frames of the video that {@code sampling} picks, in order, decoded once per sample and
     * sampling and shared by every op that asks for the same. The images are shared: read-only.
     *
     * @throws MediaException as {@link #info}, and when the video is longer than
     *     {@code max_video_seconds} or its data is corrupt
     */
    public List<DecodedImage> frames(SampleContext ctx, String location, FrameSampling sampling) throws MediaException {
        return media.cached(ctx, sampling.cacheKind(), location,
                () -> List.copyOf(sampling.uniform() ? uniform(location, sampling.frameNum()) : keyframes(location)));
    }

    /**
     * Opens a decoder on the video (a local copy for a remote file) and runs {@code fn} on it.
     *
     * @param conversion how the frames {@code fn} converts become BGR
     * @param keyFramesOnly whether the decoder skips all but key frames
     * @throws MediaException as {@link #frames}
     */
    public <T> T decode(String location, VideoDecoder.Conversion conversion, boolean keyFramesOnly, DecodeFunction<T> fn)
            throws MediaException {
        return media.withLocalFile(location, file -> {
            try (VideoDecoder d = VideoDecoder.open(location, file, conversion, keyFramesOnly)) {
                media.limits().checkVideoSeconds(location, d.info().durationSeconds());
                return fn.apply(d);
            }
        });
    }

    /**
     * Hands the data of every packet of every video stream to {@code sink}, in the order the
     * container stores them (PyAV's {@code container.demux()} filtered to video packets), without
     * decoding. Not cached: the packets are not kept.
     *
     * @throws MediaException as {@link #info}, and when the file ends inside its data
     */
    public void videoPackets(String location, PacketSink sink) throws MediaException {
        media.withLocalFile(location, file -> {
            try (VideoInfo.Container c = VideoInfo.Container.open(location, file)) {
                c.videoPackets(sink);
            }
            return null;
        });
    }

    private List<DecodedImage> keyframes(String location) throws MediaException {
        List<DecodedImage> keys = decode(location, VideoDecoder.Conversion.PYAV, true, d -> {
            List<DecodedImage> out = new ArrayList<>();
            while (d.next()) {
                out.add(d.image());
            }
            return out;
        });
        if (!keys.isEmpty()) {
            return keys;
        }
        // Data-Juicer: "No keyframes in this video. Return the first frame instead."
        return decode(location, VideoDecoder.Conversion.PYAV, false, d -> d.next() ? List.of(d.image()) : List.of());
    }

    /**
     * Data-Juicer's {@code extract_video_frames_uniformly}. The targets are compared with the
     * frames' timestamps exactly, in integers: target i of n is {@code i * duration / (n - 1)}
     * ticks, so a frame at {@code pts} reaches it when {@code pts * (n - 1) >= i * duration}.
     *
     * <p>Data-Juicer searches each run of targets between two key frames from its key frame; when
     * more targets than frames fall between two key frames, a frame can come out twice there.
     * djflink walks the video once and gives each frame to one target at most; otherwise the
     * frames are the same.
     */
    private List<DecodedImage> uniform(String location, int frameNum) throws MediaException {
        return decode(location, VideoDecoder.Conversion.PYAV, false, d -> {
            VideoInfo info = d.info();
            int n = (int) Math.min(frameNum, info.frames());
            List<DecodedImage> out = new ArrayList<>(Math.max(n, 0));
            if (n <= 0) {
                return out;
            }
            long duration = info.durationTicks();
            long den = n == 1 ? 2 : n - 1;
            long num = n == 1 ? 1 : 0; // target i: (num + i) / den of the duration, i counting from 0
            int target = 0;
            int wanted = n;
            while (target < wanted && d.next()) {
                if (reaches(d.pts(), den, (num + target), duration)) {
                    out.add(d.image());
                    target++;
                }
            }
            if (target < wanted && d.index() >= 0) {
                out.add(d.image()); // the last frame, once, for the targets past it
            }
            return out;
        });
    }

    /** {@code pts * den >= k * duration}, without overflow. */
    private static boolean reaches(long pts, long den, long k, long duration) {
        try {
            return Math.multiplyExact(pts, den) >= Math.multiplyExact(k, duration);
        } catch (ArithmeticException e) {
            return java.math.BigInteger.valueOf(pts).multiply(java.math.BigInteger.valueOf(den))
                    .compareTo(java.math.BigInteger.valueOf(k).multiply(java.math.BigInteger.valueOf(duration))) >= 0;
        }
    }
}
