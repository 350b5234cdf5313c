package io.djflink.ops.video;

import io.djflink.media.DecodedImage;
import io.djflink.media.FrameSampling;
import io.djflink.media.MediaAccess;
import io.djflink.media.MediaException;
import io.djflink.media.MediaLimits;
import io.djflink.media.TextAreaFilter;
import io.djflink.media.VideoAccess;
import io.djflink.ops.Op;
import io.djflink.ops.OpFactory;
import io.djflink.ops.OpKind;
import io.djflink.ops.ParamSpec;
import io.djflink.ops.ParamType;
import io.djflink.ops.Params;
import io.djflink.ops.Sample;
import io.djflink.ops.SampleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps samples whose videos have a text-area ratio in [min_area_ratio, max_area_ratio]: stat
 * {@code video_ocr_area_ratio}, one value per video, the mean over {@code frame_sample_num}
 * uniformly sampled frames (Data-Juicer's {@code extract_video_frames_uniformly}) of the summed
 * text-box areas over the frame's area.
 *
 * <p>Data-Juicer detects text with EasyOCR's CRAFT detector; djflink runs PaddleOCR's PP-OCRv4
 * text detector (a model the build can fetch), so the ratios are those of a different detector:
 * both box whole text lines, but the box margins differ. {@code languages_to_detect} is accepted
 * for recipe compatibility; the detector finds text regardless of language. A video with no
 * frame to sample is an error naming it (Data-Juicer's mean over no frames is NaN, which no
 * bounds keep).
 *
 * <p>Like {@code image_ocr_area_ratio_filter} it runs in the recipe's async stage
 * ({@link TextAreaFilter}).
 */
public final class VideoOcrAreaRatioFilter extends TextAreaFilter {

    static final String STAT = "video_ocr_area_ratio";

    private final String videoKey;
    private final FrameSampling sampling;
    private final VideoAccess videos;

    VideoOcrAreaRatioFilter(Params p) {
        super(p, STAT);
        this.videoKey = p.string("video_key");
        this.sampling = FrameSampling.uniform((int) p.integer("frame_sample_num"));
        this.videos = new VideoAccess(new MediaAccess(MediaLimits.of(p)));
    }

    @Override
    protected List<List<DecodedImage>> pictures(Sample sample, SampleContext ctx) throws MediaException {
        List<List<DecodedImage>> out = new ArrayList<>();
        for (String location : MediaAccess.locations(sample, videoKey)) {
            List<DecodedImage> f = videos.frames(ctx, location, sampling);
            if (f.isEmpty()) {
                throw new MediaException(location, "the video has no frame to sample");
            }
            out.add(f);
        }
        return out;
    }

    /** Registers {@code video_ocr_area_ratio_filter}. */
    public static final class Factory extends OpFactory {
        @Override
        public String identifier() {
            return "video_ocr_area_ratio_filter";
        }

        @Override
        public OpKind kind() {
            return OpKind.FILTER;
        }

        @Override
        public String doc() {
            return "keeps samples whose videos' text-area ratio (mean over frame_sample_num uniformly sampled frames; PP-OCRv4"
                    + " text detection where Data-Juicer uses EasyOCR) is in [min_area_ratio, max_area_ratio] (any_or_all over the videos)";
        }

        @Override
        protected List<ParamSpec> ownParams() {
            List<ParamSpec> p = new ArrayList<>(textAreaParams("frames"));
            p.addAll(List.of(
                    ParamSpec.of("frame_sample_num", ParamType.INT, 3L,
                            "frames sampled uniformly per video: 1 = the middle frame, 2 = the first and the last, more = evenly"
                                    + " in between as well").positive(),
                    ParamSpec.of("languages_to_detect", ParamType.ANY, List.of("ch_sim", "en"),
                            "accepted for compatibility: the PP-OCRv4 detector finds text of any language")));
            p.add(MediaLimits.bytesParam(MediaLimits.STREAMED_DEFAULT));
            p.add(MediaLimits.VIDEO_SECONDS);
            return p;
        }

        @Override
        public Op create(Params p) {
            return new VideoOcrAreaRatioFilter(p);
        }
    }
}
