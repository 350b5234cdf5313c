package io.djflink.media;

import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;

/**
 * Which frames of a video an op looks at, as Data-Juicer's frame-based video ops choose them
 * ({@code frame_sampling_method}, {@code frame_num}); read with {@link VideoAccess#frames}.
 *
 * <ul>
 *   <li>{@code all_keyframes}: every frame FFmpeg decodes as a key frame when asked to skip all
 *       others (Data-Juicer's {@code extract_key_frames}); the first frame when there is none.
 *   <li>{@code uniform} with {@code frame_num} n (Data-Juicer's
 *       {@code extract_video_frames_uniformly}): n is capped at the frame count the container
 *       declares (0 frames when it declares none); the target times are {@code i * duration /
 *       (n - 1)} for i = 0..n-1 (the first frame and the end: the last frame), or
 *       {@code duration / 2} alone for n = 1; each target takes the first frame at or after it,
 *       and a target past the last frame takes the last frame.
 * </ul>
 *
 * @param uniform whether the sampling is uniform (else all key frames)
 * @param frameNum the number of frames of a uniform sampling
 */
public record FrameSampling(boolean uniform, int frameNum) {

    public static final String ALL_KEYFRAMES = "all_keyframes";
    public static final String UNIFORM = "uniform";

    /** {@code frame_num}: Data-Juicer's default 3. */
    public static final ParamSpec FRAME_NUM = ParamSpec.of("frame_num", ParamType.INT, 3L,
            "the number of frames sampled uniformly: 1 = the middle frame, 2 = the first and the last, more = the first, "
                    + "the last and frames evenly in between (only with frame_sampling_method 'uniform')").positive();

    public FrameSampling {
        if (uniform && frameNum < 1) {
            throw new IllegalArgumentException("frame_num must be positive, got " + frameNum);
        }
    }

    /** All key frames. */
    public static FrameSampling allKeyframes() {
        return new FrameSampling(false, 0);
    }

    /** {@code n} frames spread uniformly over the duration. */
    public static FrameSampling uniform(int n) {
        return new FrameSampling(true, n);
    }

    /** {@code frame_sampling_method} with the op's default (Data-Juicer's ops differ in it). */
    public static ParamSpec methodParam(String defaultMethod) {
        return ParamSpec.of("frame_sampling_method", ParamType.STRING, defaultMethod,
                "which frames to look at: 'all_keyframes' (every key frame) or 'uniform' (frame_num frames evenly over "
                        + "the duration)").oneOf(ALL_KEYFRAMES, UNIFORM);
    }

    /** The sampling an op was bound with ({@code frame_sampling_method}, {@code frame_num}). */
    public static FrameSampling of(Params p) {
        return p.string("frame_sampling_method").equals(UNIFORM) ? uniform((int) p.integer(FRAME_NUM.name())) : allKeyframes();
    }

    /** The kind under which the sampled frames are cached per sample ({@link MediaAccess#cached}). */
    String cacheKind() {
        return uniform ? "frames:uniform:" + frameNum : "frames:keyframes";
    }
}
