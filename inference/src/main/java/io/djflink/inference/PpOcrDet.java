package io.djflink.inference;

import java.awt.image.BufferedImage;

/** Input preparation for PaddleOCR's PP-OCR text detector. */
public final class PpOcrDet {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private PpOcrDet() {}

    /**
     * The detector's input for an image already sized to its liking (sides that are multiples
     * of 32): {@code (px/255 - mean) / std} per RGB channel, laid out CHW.
     */
    public static float[] normalize(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] chw = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int[] c = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int ch = 0; ch < 3; ch++) {
                    chw[(ch * h + y) * w + x] = (c[ch] / 255f - MEAN[ch]) / STD[ch];
                }
            }
        }
        return chw;
    }
}
