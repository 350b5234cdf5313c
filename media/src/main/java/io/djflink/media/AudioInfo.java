package io.djflink.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * What FFmpeg says about an audio file's first audio stream: its duration, sample rate and
 * channels.
 *
 * <p>The duration comes from the container when it states one: the audio stream's duration, else
 * the file's (WAV data size, Ogg's last granule position, MP4's track duration, an MP3's Xing or
 * VBRI header). Only when FFmpeg would estimate it from the bitrate, or has none, is the stream
 * decoded and its samples counted ({@link #decoded()}). A stated duration is checked by reading
 * the last half second: a WAV or MP4 cut short still states its full length, and is refused as
 * truncated (formats whose length is read from their last packets, such as Ogg, report the length
 * that is there). Data-Juicer decodes every file and takes
 * {@code len(samples) / sample_rate} (librosa); the container's figure can differ from that by the
 * encoder's delay and padding (AAC priming: about 1024 to 2112 samples, MP3: about 1100), i.e.
 * tens of milliseconds; for WAV and Ogg files they agree.
 *
 * @param seconds the duration in seconds
 * @param sampleRate samples per second and channel
 * @param channels channels of the stream
 * @param decoded whether the duration was counted from the decoded samples
 */
public record AudioInfo(double seconds, int sampleRate, int channels, boolean decoded) {

    /**
     * Probes a local file.
     *
     * @throws MediaException naming the location when FFmpeg cannot open it or finds no audio stream
     */
    public static AudioInfo probe(String location, Path file) throws MediaException {
        FfmpegNatives.load();
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw MediaAccess.failure(location, e);
        }
        if (size == 0) {
            throw new MediaException(location, "the file is empty (0 bytes)");
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        try {
            try {
                g.start();
            } catch (FrameGrabber.Exception e) {
                throw new MediaException(location, "not a readable audio file (" + e.getMessage() + ")", e);
            }
            AVFormatContext fc = g.getFormatContext();
            AVStream audio = null;
            for (int i = 0; i < fc.nb_streams() && audio == null; i++) {
                if (fc.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                    audio = fc.streams(i);
                }
            }
            if (audio == null || g.getSampleRate() <= 0) {
                throw new MediaException(location, "the file has no audio stream");
            }
            int rate = g.getSampleRate();
            int channels = g.getAudioChannels();
            double stated = -1;
            if (fc.duration_estimation_method() != avformat.AVFMT_DURATION_FROM_BITRATE) {
                if (audio.duration() != AV_NOPTS_VALUE && audio.duration() > 0) {
                    stated = audio.duration() * (double) audio.time_base().num() / audio.time_base().den();
                } else if (fc.duration() != AV_NOPTS_VALUE && fc.duration() > 0) {
                    stated = fc.duration() / 1e6;
                }
            }
            if (stated > 0) {
                // a file cut short still states its full length (WAV, MP4 with its index first): the
                // last half second must be there
                g.setTimestamp((long) (Math.max(0, stated - 0.5) * 1e6));
                if (g.grabSamples() == null) {
                    throw new MediaException(location, "the audio is truncated: it ends before the " + stated
                            + " s its container states");
                }
                return new AudioInfo(stated, rate, channels, false);
            }
            long samples = 0;
            for (Frame f; (f = g.grabSamples()) != null; ) {
                if (f.samples != null && f.samples.length > 0) {
                    // one interleaved buffer (JavaCV's default 16-bit output), or one per channel
                    samples += f.samples.length == 1 ? f.samples[0].limit() / Math.max(1, f.audioChannels) : f.samples[0].limit();
                }
            }
            return new AudioInfo((double) samples / rate, rate, channels, true);
        } catch (FrameGrabber.Exception e) {
            throw new MediaException(location, "the audio cannot be decoded (" + e.getMessage() + ")", e);
        } finally {
            try {
                g.close();
            } catch (FrameGrabber.Exception e) {
                // closing after a failure: the failure is what counts
            }
        }
    }
}
