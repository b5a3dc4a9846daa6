package io.defines.plot.figures;

import io.defines.plot.render.Figure;

/** Test fixtures of this package for other test packages. */
public final class FiguresTestAccess {
    private FiguresTestAccess() {
    }

    public static Figure heatmap() {
        return FiguresTest.heatmap();
    }
}
