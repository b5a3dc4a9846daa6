package io.defines.plot.render;

import java.awt.Graphics2D;

/**
 * A figure: a size in points (1/72 in; also PNG pixels at scale 1) and a way to draw itself on any
 * Graphics2D (a PNG raster, Batik's SVG generator, or PDFBox's PDF bridge).
 */
public interface Figure {
    /** The file name without extension, e.g. {@code heatmap-energy} (docs/figures.md). */
    String name();

    int width();

    int height();

    /** Draws the figure into (0, 0, width, height); the background is already white. */
    void draw(Graphics2D g);
}
