package io.djflink.inference;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** Synthetic PaddleOCR detector inputs: black text on white, normalized as PP-OCR's det does. */
final class TextImages {
    static final Path DET_MODEL = Path.of("..", "models", "ch_PP-OCRv4_det_infer.onnx");


    /** A rendered image and where its text ink is. */
    record Rendered(BufferedImage image, Rectangle textBox) {}

    private TextImages() {}

    static Path detModel() {
        if (!Files.isRegularFile(DET_MODEL)) {
            throw new IllegalStateException(DET_MODEL.toAbsolutePath()
                    + " is missing: run the build step tools/models/fetch-ppocr-det.sh (mvn runs it in generate-test-resources)");
        }
        return DET_MODEL;
    }

    /** {@code text} in a bold sans-serif of {@code size} px at (x, baseline y) on a white w x h canvas. */
    static Rendered render(int w, int h, String text, int x, int y, int size) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
        g.setFont(font);
        g.drawString(text, x, y);
        FontRenderContext frc = g.getFontRenderContext();
        Rectangle box = font.createGlyphVector(frc, text).getPixelBounds(frc, x, y);
        g.dispose();
        return new Rendered(img, box);
    }

    /**
     * PP-OCR det preprocessing for an image already sized to multiples of 32:
     * (px/255 - mean) / std per channel, RGB, CHW.
     */
    static float[] normalize(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (w % 32 != 0 || h % 32 != 0) {
            throw new IllegalArgumentException("the detector wants sides that are multiples of 32");
        }
        return PpOcrDet.normalize(img);
    }
}
