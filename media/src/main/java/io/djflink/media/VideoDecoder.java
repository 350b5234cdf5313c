package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.avutil.AVFrame.AV_FRAME_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_picture_type_char;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the first video stream of a local file frame by frame, in presentation order, with
 * FFmpeg's C API: the timestamps, key-frame flags and picture types of the frames are exactly
 * FFmpeg's, and a frame is converted to BGR only when asked ({@link #image()},
 * {@link #imageInto(Mat)}), so walking a video to the frames it needs costs decoding only.
 *
 * <pre>{@code
 * try (VideoDecoder d = VideoDecoder.open(location, file, VideoDecoder.Conversion.OPENCV, false)) {
 *     while (d.next()) {
 *         if (d.index() % 10 == 0) {
 *             DecodedImage frame = d.image();
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>One thread decodes (no frame or slice threads): tasks are the unit of parallelism. Not
 * thread-safe; failures are {@link MediaException}s naming the location.
 */
public final class VideoDecoder implements AutoCloseable {

    /**
     * How frames become BGR pixels, after the Python library Data-Juicer's op reads them with:
     * the same FFmpeg scaler with the interpolation that library asks for (which shapes the
     * chroma upsampling, so the pixels match that library's, not only the picture).
     */
    public enum Conversion {
        /** As OpenCV's {@code VideoCapture.read()} (bicubic), for ops built on OpenCV. */
        OPENCV(SWS_BICUBIC),
        /** As PyAV's {@code frame.to_ndarray()} / {@code to_image()} (bilinear), for ops built on PyAV. */
        PYAV(SWS_BILINEAR);

        final int swsFlags;

        Conversion(int swsFlags) {
            this.swsFlags = swsFlags;
        }
    }

    private final String location;
    private final VideoInfo.Container container;
    private final AVCodecContext codec;
    private final AVPacket packet;
    /** The current frame; after the end of the stream, still the last frame decoded. */
    private AVFrame frame;
    private AVFrame spare;
    private final int swsFlags;
    private SwsContext sws;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);
    private BytePointer buffer;
    private boolean flushed;
    private boolean ended;
    private int index = -1;

    private VideoDecoder(String location, VideoInfo.Container container, AVCodecContext codec, int swsFlags) {
        this.location = location;
        this.container = container;
        this.codec = codec;
        this.swsFlags = swsFlags;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
        this.spare = av_frame_alloc();
    }

    /**
     * Opens a local video file for decoding.
     *
     * @param keyFramesOnly whether the decoder skips every frame but key frames
     *     ({@code skip_frame = NONKEY}, as PyAV's {@code codec_context.skip_frame = "NONKEY"} with
     *     which Data-Juicer extracts key frames); the skipped frames are not even decoded
     * @throws MediaException when the file cannot be read as a video or its codec has no decoder
     */
    public static VideoDecoder open(String location, Path file, Conversion conversion, boolean keyFramesOnly)
            throws MediaException {
        VideoInfo.Container c = VideoInfo.Container.open(location, file);
        AVCodecContext cc = null;
        try {
            AVCodec dec = avcodec_find_decoder(c.stream().codecpar().codec_id());
            if (dec == null || dec.isNull()) {
                throw new MediaException(location, "no decoder for the video codec '" + c.info().codecName() + "'");
            }
            cc = avcodec_alloc_context3(dec);
            int r = avcodec_parameters_to_context(cc, c.stream().codecpar());
            if (r < 0) {
                throw new MediaException(location, "the video stream's parameters are unusable: " + Ffmpeg.error(r));
            }
            cc.pkt_timebase(c.stream().time_base());
            cc.thread_count(1);
            if (keyFramesOnly) {
                cc.skip_frame(AVDISCARD_NONKEY);
            }
            r = avcodec_open2(cc, dec, (PointerPointer<?>) null);
            if (r < 0) {
                throw new MediaException(location, "the '" + c.info().codecName() + "' decoder does not open: " + Ffmpeg.error(r));
            }
            return new VideoDecoder(location, c, cc, conversion.swsFlags);
        } catch (MediaException | RuntimeException e) {
            if (cc != null) {
                avcodec_free_context(cc);
            }
            c.close();
            throw e;
        }
    }

    /** The stream's declared properties. */
    public VideoInfo info() {
        return container.info();
    }

    /**
     * Decodes the next frame. At the end of the stream the current frame stays the last one
     * decoded (Data-Juicer's uniform sampling falls back on it).
     *
     * @return false at the end of the stream
     * @throws MediaException when the data is corrupt or the file ends inside the stream's data
     */
    public boolean next() throws MediaException {
        if (ended) {
            return false;
        }
        while (true) {
            int r = avcodec_receive_frame(codec, spare);
            if (r == 0) {
                AVFrame previous = frame;
                frame = spare;
                spare = previous;
                av_frame_unref(spare);
                index++;
                return true;
            }
            if (r == AVERROR_EOF) {
                ended = true;
                return false;
            }
            if (r != AVERROR_EAGAIN()) {
                throw new MediaException(location, "corrupt video data after frame " + index + ": " + Ffmpeg.error(r));
            }
            if (flushed) {
                ended = true;
                return false;
            }
            feed();
        }
    }

    /** Sends the next packet of the video stream to the decoder, or the end-of-stream signal. */
    private void feed() throws MediaException {
        while (true) {
            int r = av_read_frame(container.fmt, packet);
            if (r == AVERROR_EOF) {
                avcodec_send_packet(codec, null);
                flushed = true;
                return;
            }
            if (r < 0) {
                throw new MediaException(location, "the video data ends early or is corrupt after frame " + index + ": "
                        + Ffmpeg.error(r));
            }
            try {
                if (packet.stream_index() != container.videoStream) {
                    continue;
                }
                r = avcodec_send_packet(codec, packet);
                if (r < 0 && r != AVERROR_EAGAIN()) {
                    throw new MediaException(location, "corrupt video data after frame " + index + ": " + Ffmpeg.error(r));
                }
                return;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** The 0-based position of the current frame in presentation order (among decoded frames). */
    public int index() {
        return index;
    }

    /** The current frame's timestamp in the stream's time base (FFmpeg's best effort when it has none). */
    public long pts() {
        long pts = frame.pts();
        return pts != AV_NOPTS_VALUE ? pts : frame.best_effort_timestamp();
    }

    /** Whether FFmpeg flags the current frame as a key frame. */
    public boolean keyFrame() {
        return (frame.flags() & AV_FRAME_FLAG_KEY) != 0;
    }

    /** The current frame's picture type: {@code 'I'}, {@code 'P'}, {@code 'B'}, ... */
    public char pictureType() {
        return (char) av_get_picture_type_char(frame.pict_type());
    }

    /** The current frame's width. */
    public int width() {
        return frame.width();
    }

    /** The current frame's height. */
    public int height() {
        return frame.height();
    }

    /** The current frame as a new BGR image. */
    public DecodedImage image() throws MediaException {
        if (index < 0) {
            throw new IllegalStateException("no frame decoded yet");
        }
        int w = frame.width();
        int h = frame.height();
        long size = (long) w * h * 3;
        if (buffer == null || buffer.capacity() < size) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer(size);
        }
        convert(buffer, w * 3);
        byte[] bgr = new byte[Math.toIntExact(size)];
        buffer.get(bgr);
        return new DecodedImage(w, h, bgr);
    }

    /** Writes the current frame into {@code bgr} as 8-bit BGR, (re)allocating it to the frame's size. */
    public void imageInto(Mat bgr) throws MediaException {
        bgr.create(frame.height(), frame.width(), CV_8UC3);
        convert(bgr.data(), (int) bgr.step());
    }

    private void convert(BytePointer dst, int stride) throws MediaException {
        int w = frame.width();
        int h = frame.height();
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, swsFlags, null, null,
                (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new MediaException(location, "no conversion from the video's pixel format " + frame.format() + " to BGR");
        }
        dstData.put(0, dst);
        dstStride.put(0, stride);
        sws_scale(sws, frame.data(), frame.linesize(), 0, h, dstData, dstStride);
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_frame_free(spare);
        av_packet_free(packet);
        avcodec_free_context(codec);
        if (sws != null) {
            sws_freeContext(sws);
        }
        if (buffer != null) {
            buffer.close();
        }
        dstData.close();
        dstStride.close();
        container.close();
    }
}
