package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * What a video file's first video stream declares, read from the container without decoding a
 * frame: the properties Data-Juicer's video filters read through PyAV
 * ({@code container.streams.video[0]}).
 *
 * @param location the location as the sample lists it
 * @param width the coded width ({@code codec_context.width})
 * @param height the coded height
 * @param timeBaseNum numerator of the stream's time base
 * @param timeBaseDen denominator of the stream's time base
 * @param durationTicks the stream's duration in its time base ({@code stream.duration}); when the
 *     stream declares none (some Matroska/WebM files), the container's duration converted to the
 *     stream's time base, see {@link #durationFromContainer}
 * @param durationFromContainer whether the stream declared no duration of its own. Data-Juicer
 *     fails on such a file ({@code None * time_base}); djflink uses the container's duration
 * @param frames the frame count the container declares ({@code stream.frames}), 0 when unknown
 * @param avgFrameRate the average frame rate, 0 when unknown
 * @param baseFrameRateNum numerator of the base frame rate ({@code r_frame_rate})
 * @param baseFrameRateDen denominator of the base frame rate
 * @param codecId FFmpeg's codec id of the video stream
 * @param codecName FFmpeg's name of that codec, e.g. {@code h264}
 * @param bitRate the declared bit rate of the video stream in bit/s, 0 when unknown
 * @param hasAudio whether the file has an audio stream
 */
public record VideoInfo(
        String location,
        int width,
        int height,
        int timeBaseNum,
        int timeBaseDen,
        long durationTicks,
        boolean durationFromContainer,
        long frames,
        double avgFrameRate,
        int baseFrameRateNum,
        int baseFrameRateDen,
        int codecId,
        String codecName,
        long bitRate,
        boolean hasAudio) {

    /**
     * The duration in seconds, {@code float(stream.duration * stream.time_base)}: the exact
     * rational, rounded once to the nearest double.
     */
    public double durationSeconds() {
        return new BigDecimal(BigInteger.valueOf(durationTicks).multiply(BigInteger.valueOf(timeBaseNum)))
                .divide(new BigDecimal(timeBaseDen), new MathContext(40)).doubleValue();
    }

    /**
     * The duration rounded to whole seconds as Python's {@code round} rounds the exact rational
     * {@code stream.duration * stream.time_base}: to the nearest integer, halves to even. This is
     * the value of Data-Juicer's {@code video_duration} stat.
     */
    public long roundedSeconds() {
        BigInteger num = BigInteger.valueOf(durationTicks).multiply(BigInteger.valueOf(timeBaseNum));
        BigInteger den = BigInteger.valueOf(timeBaseDen);
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        if (r.signum() < 0) { // floor division, as Python's divmod
            q = q.subtract(BigInteger.ONE);
            r = r.add(den);
        }
        int c = r.shiftLeft(1).compareTo(den);
        if (c > 0 || (c == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
        }
        return q.longValueExact();
    }

    /** The frame rate OpenCV's {@code CAP_PROP_FPS} reports: the average rate, else the base rate. */
    public double openCvFps() {
        if (avgFrameRate > 0) {
            return avgFrameRate;
        }
        return baseFrameRateDen == 0 ? 0 : (double) baseFrameRateNum / baseFrameRateDen;
    }

    /**
     * Reads the header of a local video file (FFmpeg's {@code avformat_open_input} and
     * {@code avformat_find_stream_info}, as PyAV's {@code av.open}).
     *
     * @param location the location to name in errors
     * @param file the file, local
     * @throws MediaException when the file is empty, is not a container FFmpeg reads (also a
     *     truncated MP4 whose index is cut off), or has no video stream
     */
    public static VideoInfo probe(String location, Path file) throws MediaException {
        try (Container c = Container.open(location, file)) {
            return c.info();
        }
    }

    /** An open input container positioned on its first video stream; closes the format context. */
    static final class Container implements AutoCloseable {

        final AVFormatContext fmt;
        final int videoStream;
        final VideoInfo info;

        private Container(AVFormatContext fmt, int videoStream, VideoInfo info) {
            this.fmt = fmt;
            this.videoStream = videoStream;
            this.info = info;
        }

        static Container open(String location, Path file) throws MediaException {
            FfmpegNatives.load();
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw MediaAccess.failure(location, e);
            }
            if (size == 0) {
                throw new MediaException(location, "the file is empty (0 bytes)");
            }
            AVFormatContext fmt = new AVFormatContext(null);
            int r = avformat_open_input(fmt, file.toString(), null, null);
            if (r < 0) {
                throw new MediaException(location, "not a video FFmpeg can read: " + Ffmpeg.error(r)
                        + " (a truncated file, e.g. an MP4 cut before its index, reads the same)");
            }
            try {
                r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
                if (r < 0) {
                    throw new MediaException(location, "FFmpeg cannot read the streams: " + Ffmpeg.error(r));
                }
                int video = -1;
                boolean audio = false;
                for (int i = 0; i < fmt.nb_streams(); i++) {
                    int type = fmt.streams(i).codecpar().codec_type();
                    if (type == AVMEDIA_TYPE_VIDEO && video < 0) {
                        video = i;
                    } else if (type == AVMEDIA_TYPE_AUDIO) {
                        audio = true;
                    }
                }
                if (video < 0) {
                    throw new MediaException(location, "the file has no video stream (" + fmt.nb_streams() + " other streams)");
                }
                return new Container(fmt, video, info(location, fmt, fmt.streams(video), audio));
            } catch (MediaException | RuntimeException e) {
                avformat_close_input(fmt);
                throw e;
            }
        }

        private static VideoInfo info(String location, AVFormatContext fmt, AVStream st, boolean audio) throws MediaException {
            AVCodecParameters par = st.codecpar();
            int tbNum = st.time_base().num();
            int tbDen = st.time_base().den();
            long ticks = st.duration();
            boolean fromContainer = false;
            if (ticks == AV_NOPTS_VALUE || ticks < 0) {
                if (fmt.duration() == AV_NOPTS_VALUE || fmt.duration() < 0 || tbNum <= 0) {
                    throw new MediaException(location, "neither the video stream nor the container declares a duration");
                }
                // container duration in microseconds, to stream ticks (rounded down)
                ticks = BigInteger.valueOf(fmt.duration()).multiply(BigInteger.valueOf(tbDen))
                        .divide(BigInteger.valueOf((long) AV_TIME_BASE * tbNum)).longValue();
                fromContainer = true;
            }
            BytePointer name = avcodec.avcodec_get_name(par.codec_id());
            return new VideoInfo(location, par.width(), par.height(), tbNum, tbDen, ticks, fromContainer,
                    Math.max(0, st.nb_frames()), Ffmpeg.toDouble(st.avg_frame_rate()), st.r_frame_rate().num(),
                    st.r_frame_rate().den(), par.codec_id(), name == null ? "?" : name.getString(), Math.max(0, par.bit_rate()),
                    audio);
        }

        VideoInfo info() {
            return info;
        }

        /** Reads every packet to the end, handing those of video streams to {@code sink}. */
        void videoPackets(VideoAccess.PacketSink sink) throws MediaException {
            AVPacket pkt = av_packet_alloc();
            byte[] buf = new byte[1 << 16];
            try {
                while (true) {
                    int r = av_read_frame(fmt, pkt);
                    if (r == AVERROR_EOF) {
                        return;
                    }
                    if (r < 0) {
                        throw new MediaException(info.location(), "the video data ends early or is corrupt: " + Ffmpeg.error(r));
                    }
                    try {
                        if (fmt.streams(pkt.stream_index()).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && pkt.size() > 0) {
                            if (buf.length < pkt.size()) {
                                buf = new byte[Math.max(pkt.size(), buf.length * 2)];
                            }
                            pkt.data().get(buf, 0, pkt.size());
                            sink.accept(buf, pkt.size());
                        }
                    } finally {
                        av_packet_unref(pkt);
                    }
                }
            } finally {
                av_packet_free(pkt);
            }
        }

        AVStream stream() {
            return fmt.streams(videoStream);
        }

        @Override
        public void close() {
            avformat_close_input(fmt);
        }
    }
}
