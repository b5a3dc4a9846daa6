package io.defines.plot.figures;

import io.defines.plot.render.Draw;
import io.defines.plot.render.Figure;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;

/**
 * The top memory level of each operand per layer and tile type, for one schedule (DeFiNES Fig. 9):
 * a row per layer, a column per tile type (its tile count above), each cell split into the layer's
 * operands, coloured by memory.
 */
public final class TopLevelFigure implements Figure {

    /**
     * @param layers layer ids, top to bottom
     * @param multiplicities tiles of each tile type (columns)
     * @param tops per layer, per tile type: operand → memory name (null where the layer has no such tile type)
     * @param memories the accelerator's memories, innermost first (legend order and colours)
     */
    public record Data(List<String> layers, List<Integer> multiplicities, List<List<Map<String, String>>> tops, List<String> operands,
                       List<String> memories) {
    }

    static final double SUB_W = 12;
    static final double ROW_H = 14;
    static final double LEFT = 48;
    static final double TOP = 50;
    static final double GAP = 3;

    private final String name;
    private final String title;
    private final Data data;
    private final int width;
    private final int height;

    public TopLevelFigure(String name, String title, Data data) {
        this.name = name;
        this.title = title;
        this.data = data;
        double colW = data.operands().size() * SUB_W + GAP;
        double legendW = 0;
        for (String m : data.memories()) {
            legendW = Math.max(legendW, Draw.width(m, Draw.TICK));
        }
        double gridW = data.multiplicities().size() * colW;
        this.width = (int) Math.ceil(Math.max(LEFT + gridW + legendW + 40, Draw.width(title, Draw.TITLE) + 20));
        this.height = (int) Math.ceil(Math.max(TOP + data.layers().size() * ROW_H + 10, TOP + 12 * data.memories().size() + 6));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    static Color memoryColour(int index) {
        return Draw.CATEGORY[(index + 5) % Draw.CATEGORY.length];
    }

    @Override
    public void draw(Graphics2D g) {
        g.setColor(Draw.AXIS);
        Draw.left(g, title, Draw.fit(title, Draw.TITLE, width - 12), 6, 12);
        double colW = data.operands().size() * SUB_W + GAP;
        int nTypes = data.multiplicities().size();
        String head = "tile type (tiles of that type)";
        Draw.centred(g, head, Draw.LABEL, Math.max(LEFT + nTypes * colW / 2, LEFT + Draw.width(head, Draw.LABEL) / 2), 27);
        for (int t = 0; t < nTypes; t++) {
            double x = LEFT + t * colW;
            String label = (t + 1) + " (×" + data.multiplicities().get(t) + ")";
            Draw.centred(g, label, Draw.fit(label, Draw.SMALL, colW - 1), x + (colW - GAP) / 2, TOP - 12);
            for (int o = 0; o < data.operands().size(); o++) {
                Draw.centred(g, data.operands().get(o), Draw.SMALL, x + (o + 0.5) * SUB_W, TOP - 3);
            }
        }
        for (int l = 0; l < data.layers().size(); l++) {
            double y = TOP + 2 + l * ROW_H;
            g.setColor(Draw.AXIS);
            Draw.right(g, "layer " + data.layers().get(l), Draw.TICK, LEFT - 6, y + ROW_H / 2);
            for (int t = 0; t < nTypes; t++) {
                Map<String, String> tops = data.tops().get(l).get(t);
                for (int o = 0; o < data.operands().size(); o++) {
                    Rectangle2D cell = new Rectangle2D.Double(LEFT + t * colW + o * SUB_W, y, SUB_W, ROW_H - 2);
                    String mem = tops == null ? null : tops.get(data.operands().get(o));
                    int idx = mem == null ? -1 : data.memories().indexOf(mem);
                    Color bg = idx < 0 ? new Color(0xF2, 0xF2, 0xF2) : memoryColour(idx);
                    g.setColor(bg);
                    g.fill(cell);
                    g.setColor(Color.WHITE);
                    g.setStroke(Draw.THIN);
                    g.draw(cell);
                }
            }
        }
        double lx = LEFT + nTypes * colW + 12;
        double ly = TOP;
        g.setColor(Draw.AXIS);
        Draw.left(g, "top level", Draw.PANEL_TITLE, lx, ly - 11);
        for (int m = 0; m < data.memories().size(); m++) {
            g.setColor(memoryColour(m));
            g.fill(new Rectangle2D.Double(lx, ly - 4, 8, 8));
            g.setColor(Draw.AXIS);
            Draw.left(g, data.memories().get(m), Draw.TICK, lx + 11, ly + 0.5);
            ly += 12;
        }
    }
}
