package io.defines.plot;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.plot.figures.BarFigure;
import io.defines.plot.figures.HeatmapFigure;
import io.defines.plot.figures.ScatterFigure;
import io.defines.plot.figures.TopLevelFigure;
import io.defines.plot.render.Draw;
import io.defines.plot.render.Exporter;
import io.defines.plot.render.Figure;
import io.defines.plot.render.Format;
import io.defines.results.ResultFolder;
import io.defines.results.ResultPoint;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema.Details;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Draws the paper figures of a sweep folder from its result files only (points.csv, details.jsonl):
 * heatmaps, Pareto charts, breakdowns, MAC counts, memory accesses, tile types and top memory levels
 * (names: docs/figures.md). Units: energy mJ, latency M cycles, data MB (10⁶ bytes), MACs G.
 */
public final class Plotter {
    public static final double PJ_PER_MJ = 1e9;
    public static final double CYCLES_PER_M = 1e6;
    public static final double BITS_PER_MB = 8e6;

    private final ResultFolder results;
    private final List<Integer> selected;
    private final List<String> notes = new ArrayList<>();

    /** @param select point ids for the per-point figures; empty = the lowest-energy point of each overlap strategy */
    public Plotter(ResultFolder results, List<Integer> select) {
        this.results = results;
        this.selected = select.isEmpty() ? defaultSelection(results.feasible()) : List.copyOf(select);
    }

    /** What was skipped or assumed, for the user. */
    public List<String> notes() {
        return notes;
    }

    public List<Integer> selected() {
        return selected;
    }

    /** The lowest-energy feasible point of each overlap strategy (first workload and accelerator), in strategy order. */
    static List<Integer> defaultSelection(List<ResultPoint> feasible) {
        if (feasible.isEmpty()) {
            return List.of();
        }
        ResultPoint first = feasible.get(0);
        Map<String, ResultPoint> best = new LinkedHashMap<>();
        for (ResultPoint p : feasible) {
            if (p.workload().equals(first.workload()) && p.accelerator().equals(first.accelerator())) {
                best.merge(p.overlap(), p, (a, b) -> b.energyPj() < a.energyPj() ? b : a);
            }
        }
        return best.values().stream().map(ResultPoint::id).toList();
    }

    /** Builds every figure. */
    public List<Figure> figures() throws IOException {
        List<Figure> out = new ArrayList<>();
        Map<String, List<ResultPoint>> groups = new LinkedHashMap<>();
        for (ResultPoint p : results.points()) {
            groups.computeIfAbsent(p.workload() + "-" + p.accelerator(), k -> new ArrayList<>()).add(p);
        }
        // details.jsonl is read once: a tile-type count for every feasible point, the whole result for the selected ones
        Set<Integer> selectedIds = new HashSet<>(selected);
        Map<Integer, Double> tileTypes = new HashMap<>();
        Map<Integer, JsonNode> det = new HashMap<>();
        results.forEachDetail(idsOf(results.feasible()), (id, result) -> {
            tileTypes.put(id, tileTypes(result));
            if (selectedIds.contains(id)) {
                det.put(id, result);
            }
        });
        if (!results.hasDetails()) {
            notes.add("no details.jsonl: breakdown-*, memory-accesses, tile-types and top-memory-level are skipped");
        }
        for (Map.Entry<String, List<ResultPoint>> g : groups.entrySet()) {
            String suffix = groups.size() > 1 ? "-" + g.getKey() : "";
            List<ResultPoint> pts = g.getValue();
            String what = pts.get(0).workload() + ", " + pts.get(0).accelerator();
            out.add(heatmap("heatmap-energy" + suffix, "Energy (" + what + ")", "energy (mJ)", pts, p -> p.energyPj() / PJ_PER_MJ, true));
            out.add(heatmap("heatmap-latency" + suffix, "Latency (" + what + ")", "latency (M cycles)", pts,
                    p -> p.latencyCycles() / CYCLES_PER_M, true));
            out.add(heatmap("mac-count" + suffix, "MAC operations incl. recomputation (" + what + ")", "MACs (G)", pts,
                    p -> p.macCount() / 1e9, true));
            if (!tileTypes.isEmpty()) {
                out.add(heatmap("tile-types" + suffix, "Tile types per tile size (" + what + ")", "tile types", pts,
                        p -> tileTypes.getOrDefault(p.id(), Double.NaN), false));
            }
            out.add(pareto("pareto-energy-latency" + suffix, "Energy vs latency (" + what + ")", "latency (M cycles)", pts,
                    p -> p.latencyCycles() / CYCLES_PER_M));
            out.add(pareto("pareto-energy-memory" + suffix, "Energy vs on-chip need (" + what + ")", "on-chip memory need (MB)", pts,
                    p -> p.onchipPeakBits() / BITS_PER_MB));
        }
        List<ResultPoint> sel = new ArrayList<>();
        for (int id : selected) {
            results.points().stream().filter(p -> p.id() == id && p.ok()).findFirst().ifPresentOrElse(sel::add,
                    () -> notes.add("point " + id + " is not a feasible point of this sweep; not drawn"));
        }
        if (!sel.isEmpty() && results.hasDetails()) {
            out.add(energyBreakdown(sel, det));
            out.add(latencyBreakdown(sel, det));
            out.add(memoryAccesses(sel, det));
            for (ResultPoint p : sel) {
                out.add(topLevels(p, det.get(p.id())));
            }
        }
        return out;
    }

    /** Writes every figure in every format into {@code dir}; returns the files. */
    public List<Path> write(Path dir, Set<Format> formats) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Figure f : figures()) {
            for (Format fmt : formats) {
                files.add(Exporter.write(f, fmt, dir));
            }
        }
        return files;
    }

    private static Set<Integer> idsOf(List<ResultPoint> pts) {
        Set<Integer> ids = new LinkedHashSet<>();
        pts.forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** Tile types of a schedule: per stack, the tile types of its layers (equal for all layers of a stack), summed. */
    static double tileTypes(JsonNode result) {
        Map<Integer, Integer> perLayer = new LinkedHashMap<>();
        for (JsonNode l : result.get(Details.LAYERS)) {
            perLayer.put(l.get(Details.ID).asInt(), l.get(Details.TILE_TYPES).size());
        }
        int n = 0;
        for (JsonNode stack : result.get(Details.STACKS)) {
            int most = 0;
            for (JsonNode id : stack) {
                most = Math.max(most, perLayer.getOrDefault(id.asInt(), 0));
            }
            n += most;
        }
        return n;
    }

    private Figure heatmap(String name, String title, String unit, List<ResultPoint> pts, ToDoubleFunction<ResultPoint> value, boolean log) {
        TreeSet<Long> xs = new TreeSet<>();
        TreeSet<Long> ys = new TreeSet<>();
        List<String> overlaps = new ArrayList<>();
        for (ResultPoint p : pts) {
            xs.add(p.tileX());
            ys.add(p.tileY());
            if (!overlaps.contains(p.overlap())) {
                overlaps.add(p.overlap());
            }
        }
        List<Long> xl = new ArrayList<>(xs);
        List<Long> yl = new ArrayList<>(ys);
        List<HeatmapFigure.Panel> panels = new ArrayList<>();
        boolean duplicates = false;
        for (String o : overlaps) {
            double[][] v = new double[yl.size()][xl.size()];
            for (double[] row : v) {
                Arrays.fill(row, Double.NaN);
            }
            boolean[][] seen = new boolean[yl.size()][xl.size()];
            for (ResultPoint p : pts) {
                if (p.overlap().equals(o)) {
                    int r = yl.indexOf(p.tileY());
                    int c = xl.indexOf(p.tileX());
                    if (seen[r][c]) {
                        duplicates = true;
                        continue;
                    }
                    seen[r][c] = true;
                    v[r][c] = p.ok() ? value.applyAsDouble(p) : Double.NaN;
                }
            }
            panels.add(new HeatmapFigure.Panel(o, xl.stream().map(String::valueOf).toList(), yl.stream().map(String::valueOf).toList(), v));
        }
        if (duplicates) {
            notes.add(name + ": several points share a tile size and strategy (other LPF, cuts or mappings); the first is drawn");
        }
        return new HeatmapFigure(name, title, Columns.TILE_X, Columns.TILE_Y, unit, panels, log);
    }

    private Figure pareto(String name, String title, String xTitle, List<ResultPoint> pts, ToDoubleFunction<ResultPoint> x) {
        List<ScatterFigure.Item> items = new ArrayList<>();
        for (ResultPoint p : pts) {
            if (p.ok()) {
                items.add(new ScatterFigure.Item(x.applyAsDouble(p), p.energyPj() / PJ_PER_MJ, p.overlap(), p.tileX() + "×" + p.tileY()));
            }
        }
        return new ScatterFigure(name, title, xTitle, "energy (mJ)", items, 340, 270);
    }

    private static String category(ResultPoint p) {
        return p.tileX() + "×" + p.tileY() + "\n" + p.overlap();
    }

    private Figure energyBreakdown(List<ResultPoint> sel, Map<Integer, JsonNode> det) {
        // series: operand × memory (inner memories lighter), then data copies per memory, then MAC
        List<String> memories = memories(det);
        List<String> operands = new ArrayList<>();
        for (JsonNode d : det.values()) {
            d.get(Details.ENERGY_PER_OPERAND_PJ).fieldNames().forEachRemaining(o -> {
                if (!operands.contains(o) && !o.equals(Details.OPERAND_COPIES) && !o.equals(Details.OPERAND_MAC)) {
                    operands.add(o);
                }
            });
        }
        operands.sort(Comparator.naturalOrder());
        operands.add(Details.OPERAND_COPIES);
        List<BarFigure.Series> series = new ArrayList<>();
        series.add(new BarFigure.Series("MAC", new Color(0x99, 0x99, 0x99), values(sel, det, d -> d.path(Details.ENERGY_PER_OPERAND_PJ).path(Details.OPERAND_MAC).path(Details.OPERAND_MAC).asDouble(0) / PJ_PER_MJ)));
        for (int o = 0; o < operands.size(); o++) {
            String op = operands.get(o);
            Color base = Draw.CATEGORY[o % Draw.CATEGORY.length];
            List<String> used = new ArrayList<>();
            List<double[]> usedValues = new ArrayList<>();
            for (String mem : memories) {
                double[] v = values(sel, det, d -> d.path(Details.ENERGY_PER_OPERAND_PJ).path(op).path(mem).asDouble(0) / PJ_PER_MJ);
                if (Arrays.stream(v).anyMatch(x -> x > 0)) {
                    used.add(mem);
                    usedValues.add(v);
                }
            }
            for (int m = 0; m < used.size(); m++) {
                // innermost level lightest, outermost darkest, spread over the levels this operand uses
                double t = used.size() == 1 ? 0.5 : (double) m / (used.size() - 1);
                series.add(new BarFigure.Series((op.equals(Details.OPERAND_COPIES) ? "data copies" : op) + " @ " + used.get(m),
                        shade(base, 0.6 - 0.9 * t), usedValues.get(m)));
            }
        }
        return new BarFigure("breakdown-energy", "Energy by operand and memory level", "energy (mJ)",
                sel.stream().map(Plotter::category).toList(), series, BarFigure.Mode.STACKED, false, 95 * sel.size() + 20, 240);
    }

    private Figure latencyBreakdown(List<ResultPoint> sel, Map<Integer, JsonNode> det) {
        String[][] parts = {{Details.LATENCY_COMPUTE, "compute (temporal)"}, {Details.LATENCY_CONTROL, "control overhead"},
                {Details.LATENCY_STALLS, "memory stalls"}, {Details.LATENCY_ONLOADING, "on-loading"}, {Details.LATENCY_DATA_COPIES, "data copies"},
                {Details.LATENCY_EXPOSED_TRANSFERS, "exposed off-chip transfers"}};
        List<BarFigure.Series> series = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String key = parts[i][0];
            series.add(new BarFigure.Series(parts[i][1], Draw.CATEGORY[i],
                    values(sel, det, d -> d.path(Details.LATENCY_BREAKDOWN_CYCLES).path(key).asDouble(0) / CYCLES_PER_M)));
        }
        return new BarFigure("breakdown-latency", "Latency by part", "latency (M cycles)", sel.stream().map(Plotter::category).toList(),
                series, BarFigure.Mode.STACKED, false, 95 * sel.size() + 20, 220);
    }

    private Figure memoryAccesses(List<ResultPoint> sel, Map<Integer, JsonNode> det) {
        List<String> memories = memories(det);
        List<BarFigure.Series> series = new ArrayList<>();
        for (int s = 0; s < sel.size(); s++) {
            JsonNode d = det.get(sel.get(s).id());
            double[] v = new double[memories.size()];
            for (int m = 0; m < memories.size(); m++) {
                v[m] = d.path(Details.ACCESS_BITS_PER_MEMORY).path(memories.get(m)).asDouble(0) / BITS_PER_MB;
            }
            series.add(new BarFigure.Series(sel.get(s).label(), Draw.CATEGORY[s % Draw.CATEGORY.length], v));
        }
        return new BarFigure("memory-accesses", "Data accessed per memory", "data read + written (MB, log)", memories, series,
                BarFigure.Mode.GROUPED, true, 50 * memories.size() + 20, 230);
    }

    private Figure topLevels(ResultPoint p, JsonNode d) {
        List<String> layers = new ArrayList<>();
        List<List<Map<String, String>>> tops = new ArrayList<>();
        List<Integer> mult = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (JsonNode l : d.get(Details.LAYERS)) {
            layers.add(l.get(Details.ID).asText());
            List<Map<String, String>> row = new ArrayList<>();
            int t = 0;
            for (JsonNode tt : l.get(Details.TILE_TYPES)) {
                Map<String, String> m = new LinkedHashMap<>();
                tt.get(Details.TOP_LEVELS).fields().forEachRemaining(e -> {
                    m.put(e.getKey(), e.getValue().asText());
                    if (!operands.contains(e.getKey())) {
                        operands.add(e.getKey());
                    }
                });
                row.add(m);
                if (mult.size() <= t) {
                    mult.add(tt.get(Details.MULTIPLICITY).asInt());
                }
                t++;
            }
            tops.add(row);
        }
        operands.sort(Comparator.comparingInt(o -> "IWO".indexOf(o.charAt(0)) < 0 ? 9 : "IWO".indexOf(o.charAt(0))));
        for (List<Map<String, String>> row : tops) {
            while (row.size() < mult.size()) {
                row.add(null);
            }
        }
        int shown = Math.min(mult.size(), 40);
        if (shown < mult.size()) {
            notes.add("top-memory-level-p" + p.id() + ": the first 40 of " + mult.size() + " tile types are drawn");
        }
        List<List<Map<String, String>>> cut = tops.stream().map(r -> r.subList(0, shown)).toList();
        TopLevelFigure.Data data = new TopLevelFigure.Data(layers, mult.subList(0, shown), cut, operands, memories(Map.of(p.id(), d)));
        return new TopLevelFigure("top-memory-level-p" + p.id(), "Top memory level per layer and tile type: " + p.label(), data);
    }

    /** The memories in the accelerator's listing order (the order of energy_per_memory_pj). */
    private static List<String> memories(Map<Integer, JsonNode> det) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : det.values()) {
            d.path(Details.ENERGY_PER_MEMORY_PJ).fieldNames().forEachRemaining(m -> {
                if (!out.contains(m)) {
                    out.add(m);
                }
            });
        }
        return out;
    }

    private static double[] values(List<ResultPoint> sel, Map<Integer, JsonNode> det, ToDoubleFunction<JsonNode> f) {
        double[] v = new double[sel.size()];
        for (int i = 0; i < sel.size(); i++) {
            JsonNode d = det.get(sel.get(i).id());
            v[i] = d == null ? Double.NaN : f.applyAsDouble(d);
        }
        return v;
    }

    /** {@code c} mixed with white (amount &gt; 0) or black (amount &lt; 0). */
    static Color shade(Color c, double amount) {
        int target = amount >= 0 ? 255 : 0;
        double a = Math.abs(amount);
        return new Color((int) Math.round(c.getRed() + (target - c.getRed()) * a), (int) Math.round(c.getGreen() + (target - c.getGreen()) * a),
                (int) Math.round(c.getBlue() + (target - c.getBlue()) * a));
    }
}
