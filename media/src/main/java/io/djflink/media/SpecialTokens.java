package io.djflink.media;

/**
 * Data-Juicer's placeholder tokens for media in a sample's text: the k-th video token refers to
 * the k-th path of the sample's video list, and the end-of-chunk token closes a chunk of text with
 * its media. djflink uses Data-Juicer's defaults; the recipe keys {@code video_special_token} and
 * {@code eoc_special_token} are accepted but not applied.
 */
public final class SpecialTokens {

    public static final String IMAGE = "<__dj__image>";
    public static final String AUDIO = "<__dj__audio>";
    public static final String VIDEO = "<__dj__video>";
    public static final String EOC = "<|__dj__eoc|>";

    /** The field listing the source file each produced media file came from. */
    public static final String SOURCE_FILE = "__dj__source_file__";

    private SpecialTokens() {}
}
