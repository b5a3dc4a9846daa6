package io.defines.core.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.BoundaryTensors;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's front equals the front of every schedule of its space enumerated one by one: every
 * set of cuts in the topological order × every candidate setting per stack, each evaluated whole by the
 * engine. Generated networks (chains and branches) of up to 6 layers; 4 candidate settings.
 */
class ScheduleOptimizerTest {

    static final Accelerator ACC = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
    static final List<StackSettings> CANDIDATES = List.of(
            new StackSettings(new TileSize(4, 4), OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE),
            new StackSettings(new TileSize(4, 4), OverlapStrategy.CACHE, OverlapStrategy.CACHE),
            new StackSettings(new TileSize(2, 8), OverlapStrategy.CACHE, OverlapStrategy.RECOMPUTE),
            new StackSettings(new TileSize(1 << 20, 1 << 20), OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE));

    @Test
    void theFrontEqualsTheEnumeratedFront() {
        int checked = 0;
        for (long seed = 1; checked < 3 && seed < 200; seed++) {
            GeneratedDags.Dag dag = GeneratedDags.generate(seed);
            if (dag.layers() > 6) {
                continue;
            }
            Workload w = WorkloadReader.read("dag.yaml", new StringReader(dag.yaml())).orThrow();
            Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ACC).orThrow();
            DepthFirstEngine engine = new DepthFirstEngine(w, ACC, m, new SingleLayerCache());
            ScheduleOptimizer.Result r = new ScheduleOptimizer(engine, w)
                    .optimize(new ScheduleOptimizer.Space(CANDIDATES, 4, CompatFlags.FIXED, Long.MAX_VALUE));
            List<SchedulePoint> enumerated = enumerate(engine, w);
            assertThat(totals(r.front())).as("seed " + seed + "\n" + dag.yaml()).isEqualTo(totals(ScheduleOptimizer.pareto(enumerated)));
            assertThat(r.front()).isNotEmpty();
            // the front's schedules, evaluated whole, give the front's numbers
            for (SchedulePoint p : r.front()) {
                ScheduleResult whole = engine.evaluate(p.plan(4, CompatFlags.FIXED).schedule(w)).orThrow();
                assertThat(whole.energyPj()).isEqualTo(p.energyPj());
                assertThat(whole.latencyCycles()).isEqualTo(p.latencyCycles());
                assertThat(whole.onChipPeakBits()).isEqualTo(p.onChipPeakBits());
            }
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    /** The same on larger networks (8 to 10 layers) with two candidates, so that the enumeration (up to 2 · 3⁹ schedules) stays tractable. */
    @Test
    void theFrontEqualsTheEnumeratedFrontOnLargerNetworks() {
        List<StackSettings> two = List.of(CANDIDATES.get(1), CANDIDATES.get(2));
        int checked = 0;
        for (long seed = 1; checked < 1 && seed < 400; seed++) {
            GeneratedDags.Dag dag = GeneratedDags.generate(seed);
            if (dag.layers() < 8 || dag.layers() > 10) {
                continue;
            }
            Workload w = WorkloadReader.read("dag.yaml", new StringReader(dag.yaml())).orThrow();
            Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ACC).orThrow();
            DepthFirstEngine engine = new DepthFirstEngine(w, ACC, m, new SingleLayerCache());
            ScheduleOptimizer.Result r = new ScheduleOptimizer(engine, w).optimize(new ScheduleOptimizer.Space(two, 4, CompatFlags.FIXED, Long.MAX_VALUE));
            assertThat(totals(r.front())).as("seed " + seed + "\n" + dag.yaml()).isEqualTo(totals(ScheduleOptimizer.pareto(enumerate(engine, w, two))));
            checked++;
        }
        assertThat(checked).isEqualTo(1);
    }

    /**
     * With boundary tensors on chip: every cut set × candidate per stack × placement of every tensor that
     * crosses a cut (off chip or each on-chip memory that can keep it), on networks of up to 5 layers
     * with two candidates; some front schedules keep a tensor on chip.
     */
    @Test
    void theFrontWithOnChipBoundariesEqualsTheEnumeratedFront() {
        List<StackSettings> two = List.of(CANDIDATES.get(1), CANDIDATES.get(3));
        int checked = 0;
        int kept = 0;
        for (long seed = 1; checked < 4 && seed < 300; seed++) {
            GeneratedDags.Dag dag = GeneratedDags.generate(seed);
            if (dag.layers() < 3 || dag.layers() > 5) {
                continue;
            }
            Workload w = WorkloadReader.read("dag.yaml", new StringReader(dag.yaml())).orThrow();
            Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ACC).orThrow();
            DepthFirstEngine engine = new DepthFirstEngine(w, ACC, m, new SingleLayerCache());
            ScheduleOptimizer.Result r = new ScheduleOptimizer(engine, w)
                    .optimize(new ScheduleOptimizer.Space(two, List.of(), 4, CompatFlags.FIXED, Long.MAX_VALUE, true));
            List<SchedulePoint> enumerated = enumerate(engine, w, two, true);
            assertThat(totals(r.front())).as("seed " + seed + "\n" + dag.yaml()).isEqualTo(totals(ScheduleOptimizer.pareto(enumerated)));
            for (SchedulePoint p : r.front()) {
                ScheduleResult whole = engine.evaluate(p.plan(4, CompatFlags.FIXED).schedule(w)).orThrow();
                assertThat(List.of(whole.energyPj(), whole.latencyCycles(), whole.onChipPeakBits()))
                        .isEqualTo(List.of(p.energyPj(), p.latencyCycles(), p.onChipPeakBits()));
                kept += p.stacks().stream().mapToInt(st -> st.keptOutputs().size()).sum();
            }
            checked++;
        }
        assertThat(checked).isEqualTo(4);
        assertThat(kept).as("front schedules keeping a boundary tensor on chip").isPositive();
    }

    /** Every cut set × every candidate per stack, each evaluated as one whole schedule. */
    private static List<SchedulePoint> enumerate(DepthFirstEngine engine, Workload w) {
        return enumerate(engine, w, CANDIDATES, false);
    }

    private static List<SchedulePoint> enumerate(DepthFirstEngine engine, Workload w, List<StackSettings> candidates) {
        return enumerate(engine, w, candidates, false);
    }

    /** The placements of the tensors crossing a cut of {@code cuts} (positions): off chip or each memory that can keep them. */
    private static List<Map<Integer, String>> placements(DepthFirstEngine engine, List<Integer> cutPositions) {
        Map<Integer, List<String>> options = new TreeMap<>();
        for (int cut : cutPositions) {
            for (BoundaryTensors.Tensor t : engine.boundaryTensors().crossing(cut)) {
                options.put(t.producerId(), t.memories());
            }
        }
        List<Map<Integer, String>> out = new ArrayList<>(List.of(Map.of()));
        for (var e : options.entrySet()) {
            List<Map<Integer, String>> more = new ArrayList<>();
            for (Map<Integer, String> p : out) {
                more.add(p);
                for (String memory : e.getValue()) {
                    Map<Integer, String> q = new HashMap<>(p);
                    q.put(e.getKey(), memory);
                    more.add(q);
                }
            }
            out = more;
        }
        return out;
    }

    private static List<SchedulePoint> enumerate(DepthFirstEngine engine, Workload w, List<StackSettings> candidates, boolean onChip) {
        List<Layer> order = w.topologicalOrder();
        int n = order.size();
        List<SchedulePoint> all = new ArrayList<>();
        for (int mask = 0; mask < 1 << (n - 1); mask++) {
            List<Integer> cuts = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                if ((mask & 1 << i) != 0) {
                    cuts.add(order.get(i).id());
                }
            }
            int stacks = cuts.size() + 1;
            int combos = (int) Math.pow(candidates.size(), stacks);
            List<Integer> cutPositions = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                if ((mask & 1 << i) != 0) {
                    cutPositions.add(i + 1);
                }
            }
            for (Map<Integer, String> placement : onChip ? placements(engine, cutPositions) : List.<Map<Integer, String>>of(Map.of())) {
                for (int c = 0; c < combos; c++) {
                    List<StackSettings> settings = new ArrayList<>();
                    for (int s = 0, rest = c; s < stacks; s++, rest /= candidates.size()) {
                        settings.add(candidates.get(rest % candidates.size()));
                    }
                    ScheduleOutcome o = engine.evaluate(new Schedule(stacks == 1 ? CutPolicy.FUSED : new CutPolicy.After(cuts), settings, 4,
                            CompatFlags.FIXED, placement));
                    if (o instanceof ScheduleOutcome.Feasible f) {
                        ScheduleResult r = f.result();
                        all.add(new SchedulePoint(r.energyPj(), r.latencyCycles(), r.onChipPeakBits(), r.stacks()));
                    }
                }
            }
        }
        return all;
    }

    private static List<String> totals(List<SchedulePoint> front) {
        return front.stream().map(p -> p.energyPj() + "/" + p.latencyCycles() + "/" + p.onChipPeakBits()).toList();
    }

    @Test
    void aBudgetKeepsOnlySchedulesWithinIt() {
        GeneratedDags.Dag dag = GeneratedDags.generate(3);
        Workload w = WorkloadReader.read("dag.yaml", new StringReader(dag.yaml())).orThrow();
        Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ACC).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, ACC, m, new SingleLayerCache());
        ScheduleOptimizer o = new ScheduleOptimizer(engine, w);
        List<SchedulePoint> free = o.optimize(new ScheduleOptimizer.Space(CANDIDATES, 4, CompatFlags.FIXED, Long.MAX_VALUE)).front();
        long smallest = free.stream().mapToLong(SchedulePoint::onChipPeakBits).min().orElseThrow();
        List<SchedulePoint> tight = o.optimize(new ScheduleOptimizer.Space(CANDIDATES, 4, CompatFlags.FIXED, smallest)).front();
        assertThat(tight).isNotEmpty().allSatisfy(p -> assertThat(p.onChipPeakBits()).isLessThanOrEqualTo(smallest));
        assertThat(o.optimize(new ScheduleOptimizer.Space(CANDIDATES, 4, CompatFlags.FIXED, smallest - 1)).front()).isEmpty();
        assertThat(tight.stream().flatMap(p -> p.stacks().stream()).map(StackResult::layerIds)).isNotEmpty();
    }
}
