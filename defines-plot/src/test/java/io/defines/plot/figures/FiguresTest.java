package io.defines.plot.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.plot.logic.LabelPlacer;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Geometry of the figures: texts inside their cells, labels apart, bars inside the plot. */
class FiguresTest {

    static HeatmapFigure heatmap() {
        List<String> xs = List.of("1", "4", "16", "60", "240", "960");
        List<String> ys = List.of("1", "4", "18", "72", "270", "540");
        List<HeatmapFigure.Panel> panels = new ArrayList<>();
        Random r = new Random(1);
        for (String o : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            double[][] v = new double[6][6];
            for (double[] row : v) {
                for (int c = 0; c < 6; c++) {
                    row[c] = Math.pow(10, r.nextDouble() * 5) * 1.234567;
                }
            }
            v[0][0] = Double.NaN;
            panels.add(new HeatmapFigure.Panel(o, xs, ys, v));
        }
        return new HeatmapFigure("heatmap-energy", "Energy", "tile_x", "tile_y", "energy (mJ)", panels, true);
    }

    @Test
    void heatmapTextsFitTheirCellsAndDoNotOverlap() {
        HeatmapFigure h = heatmap();
        List<Rectangle2D> boxes = h.cellTextBoxes();
        assertThat(boxes).hasSize(108);
        int k = 0;
        for (int p = 0; p < 3; p++) {
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    Rectangle2D cell = h.cell(p, r, c);
                    Rectangle2D box = boxes.get(k++);
                    assertThat(cell.contains(box)).as("panel %d cell %d,%d: %s in %s", p, r, c, box, cell).isTrue();
                }
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(boxes.get(i).intersects(boxes.get(j))).isFalse();
            }
        }
        // every cell inside the figure, and the shared scale spans the data
        assertThat(new Rectangle2D.Double(0, 0, h.width(), h.height()).contains(h.cell(2, 5, 5))).isTrue();
        assertThat(h.scale().log()).isTrue();
        assertThat(h.scale().max() / h.scale().min()).isGreaterThan(1000);
    }

    @Test
    void paretoLabelsNeitherOverlapNorLeaveThePlot() {
        Random r = new Random(5);
        List<ScatterFigure.Item> items = new ArrayList<>();
        String[] cats = {"fully-recompute", "h-cached-v-recompute", "fully-cached"};
        for (int i = 0; i < 108; i++) {
            double x = Math.pow(10, 1 + r.nextDouble() * 2);
            items.add(new ScatterFigure.Item(x, 2 + 50 / x * 10 * r.nextDouble(), cats[i % 3], (1 + r.nextInt(960)) + "×" + (1 + r.nextInt(540))));
        }
        ScatterFigure s = new ScatterFigure("pareto-energy-latency", "t", "latency (M cycles)", "energy (mJ)", items, 560, 400);
        assertThat(s.front()).isNotEmpty();
        List<LabelPlacer.Placement> pl = s.placements();
        assertThat(pl).hasSameSizeAs(s.front());
        for (int i = 0; i < pl.size(); i++) {
            assertThat(s.plotArea().contains(pl.get(i).box())).isTrue();
            for (int j = i + 1; j < pl.size(); j++) {
                Rectangle2D x = pl.get(i).box().createIntersection(pl.get(j).box());
                assertThat(x.getWidth() <= 0 || x.getHeight() <= 0).as("labels %d and %d", i, j).isTrue();
            }
        }
    }

    @Test
    void parityLabelsStayApartAndTheAxesAreShared() {
        List<ParityFigure.Item> items = new ArrayList<>();
        Random r = new Random(9);
        for (int i = 0; i < 12; i++) {
            double m = Math.pow(10, 6 + r.nextDouble());
            items.add(new ParityFigure.Item(m, m * (0.8 + 0.4 * r.nextDouble()), i % 2 == 0 ? m * 1.5 : Double.NaN, "row-" + i));
        }
        ParityFigure f = new ParityFigure("parity-latency-cycles", "t", "(cycles)", items, 0.10, 300);
        assertThat(f.height()).isGreaterThan(f.width()); // a square plot plus axis titles and legend
        List<LabelPlacer.Placement> pl = f.placements();
        for (int i = 0; i < pl.size(); i++) {
            assertThat(f.plotArea().contains(pl.get(i).box())).isTrue();
            for (int j = i + 1; j < pl.size(); j++) {
                Rectangle2D x = pl.get(i).box().createIntersection(pl.get(j).box());
                assertThat(x.getWidth() <= 0 || x.getHeight() <= 0).as("labels %d and %d", i, j).isTrue();
            }
        }
        assertThat(f.plotArea().getWidth()).isEqualTo(f.plotArea().getHeight());
    }

    @Test
    void stackedBarsAddUpAndStayInThePlot() {
        List<BarFigure.Series> series = List.of(new BarFigure.Series("a", Color.RED, new double[] {1, 2}),
                new BarFigure.Series("b", Color.BLUE, new double[] {3, Double.NaN}));
        BarFigure b = new BarFigure("breakdown-energy", "t", "energy (mJ)", List.of("x\nfully-cached", "y"), series, BarFigure.Mode.STACKED,
                false, 200, 300);
        List<Rectangle2D[]> bars = b.bars();
        Rectangle2D area = b.plotArea();
        // bar 0: a (1) under b (3), touching; bar 1: only a
        assertThat(bars.get(0)[0].getMinY()).isCloseTo(bars.get(0)[1].getMaxY(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(bars.get(0)[1].getHeight()).isCloseTo(3 * bars.get(0)[0].getHeight(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(bars.get(1)[1]).isNull();
        for (Rectangle2D[] row : bars) {
            for (Rectangle2D r : row) {
                if (r != null) {
                    assertThat(area.contains(r)).isTrue();
                }
            }
        }
        // grouped on a log axis: one bar per series side by side
        BarFigure g = new BarFigure("memory-accesses", "t", "MB", List.of("rf", "dram"),
                List.of(new BarFigure.Series("p1", Color.RED, new double[] {1e4, 9}), new BarFigure.Series("p2", Color.BLUE, new double[] {2e4, 0.03})),
                BarFigure.Mode.GROUPED, true, 200, 300);
        List<Rectangle2D[]> gb = g.bars();
        assertThat(gb.get(0)[1].getMinX()).isGreaterThan(gb.get(0)[0].getMinX());
        assertThat(gb.get(1)[1].getHeight()).isPositive().isLessThan(gb.get(1)[0].getHeight());
    }
}
