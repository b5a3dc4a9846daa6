package io.defines.plot.optimizer;

import io.defines.plot.render.Figure;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;

/** A JFreeChart chart as a {@link Figure}: drawn by JFreeChart onto whichever Graphics2D the exporter gives (PNG, SVG, PDF). */
record ChartFigure(String name, int width, int height, JFreeChart chart) implements Figure {

    @Override
    public void draw(Graphics2D g) {
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    }
}
