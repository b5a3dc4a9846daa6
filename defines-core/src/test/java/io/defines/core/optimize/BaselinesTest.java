package io.defines.core.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimizer against the schedules other tools pick, on generated chains and branches: its best is
 * never worse than any DeFiNES grid point of the same candidates (automatic cuts, layer by layer, one
 * stack; one tile and strategy for all stacks), nor than the greedy cascades and layer by layer; those
 * baselines are what they claim (layer by layer = each layer's cheapest stack found one by one; every
 * baseline evaluated whole gives its totals); the budget curve falls as the budget grows and each step is
 * the optimum at that budget.
 */
class BaselinesTest {

    @Test
    void theBestIsNeverWorseThanAGridPointOrABaseline() {
        check(CompatFlags.FIXED);
    }

    /** In compat mode the grid points use DeFiNES' stack rule (ancestry), the optimizer runs of the topological order. */
    @Test
    void inCompatModeToo() {
        check(CompatFlags.DEFINES_2023);
    }

    private void check(CompatFlags flags) {
        int checked = 0;
        int gridPoints = 0;
        for (long seed = 1; checked < 4 && seed < 200; seed++) {
            GeneratedDags.Dag dag = GeneratedDags.generate(seed);
            if (dag.layers() > 8) {
                continue;
            }
            Workload w = WorkloadReader.read("dag.yaml", new StringReader(dag.yaml())).orThrow();
            Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ScheduleOptimizerTest.ACC).orThrow();
            DepthFirstEngine engine = new DepthFirstEngine(w, ScheduleOptimizerTest.ACC, m, new SingleLayerCache());
            ScheduleOptimizer o = new ScheduleOptimizer(engine, w);
            ScheduleOptimizer.Space space = new ScheduleOptimizer.Space(ScheduleOptimizerTest.CANDIDATES, 4, flags, Long.MAX_VALUE);
            ScheduleOptimizer.Result r = o.optimize(space);
            Baselines b = new Baselines(o, space, r, SchedulePoint::energyPj);
            double best = r.front().stream().mapToDouble(SchedulePoint::energyPj).min().orElseThrow();
            String as = flags + " seed " + seed + "\n" + dag.yaml();
            for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.LAYER_BY_LAYER, CutPolicy.FUSED)) {
                for (StackSettings c : ScheduleOptimizerTest.CANDIDATES) {
                    ScheduleOutcome grid = engine.evaluate(Schedule.uniform(c.tile(), c.horizontal(), c.vertical(), cuts, 4, flags));
                    // in compat mode DeFiNES' stack rule (ancestry) can leave a layer out or compute it twice: not a schedule to compare with
                    if (grid instanceof ScheduleOutcome.Feasible f && f.result().stacks().stream().flatMap(st -> st.layerIds().stream()).sorted().toList()
                            .equals(w.layers().stream().map(io.defines.core.workload.Layer::id).sorted().toList())) {
                        assertThat(best).as(as + " " + cuts.text() + " " + c).isLessThanOrEqualTo(f.result().energyPj());
                        gridPoints++;
                        if (flags.equals(CompatFlags.FIXED)) {
                            // the same grid point from the optimizer's evaluated stacks
                            SchedulePoint memo = b.uniform(engine.cutIds(cuts), c).orElseThrow();
                            assertThat(memo.energyPj()).as(as + " " + cuts.text() + " " + c).isEqualTo(f.result().energyPj());
                            assertThat(memo.latencyCycles()).isEqualTo(f.result().latencyCycles());
                            assertThat(memo.onChipPeakBits()).isEqualTo(f.result().onChipPeakBits());
                        }
                    }
                }
            }
            SchedulePoint greedy = b.greedyCascade(Long.MAX_VALUE).orElseThrow();
            SchedulePoint lbl = b.layerByLayer(Long.MAX_VALUE).orElseThrow();
            assertThat(best).as(as).isLessThanOrEqualTo(greedy.energyPj()).isLessThanOrEqualTo(lbl.energyPj());
            // layer by layer: each layer's cheapest single stack, asked of the engine one by one
            double expected = 0;
            for (int i = 0; i < o.layers(); i++) {
                double cheapest = Double.MAX_VALUE;
                for (StackSettings c : ScheduleOptimizerTest.CANDIDATES) {
                    if (engine.evaluateStack(i, i + 1, c, 4, flags) instanceof DepthFirstEngine.StackOutcome.Done d) {
                        cheapest = Math.min(cheapest, d.result().energyPj());
                    }
                }
                expected += cheapest;
            }
            assertThat(lbl.energyPj()).as(as).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6 * expected));
            for (SchedulePoint p : List.of(greedy, lbl)) {
                var whole = engine.evaluate(p.plan(4, flags).schedule(w)).orThrow();
                assertThat(whole.energyPj()).as(as).isEqualTo(p.energyPj());
                assertThat(whole.latencyCycles()).as(as).isEqualTo(p.latencyCycles());
            }
            // the budget curve: from the smallest peak, falling, each step the optimum within its budget
            List<Baselines.BudgetStep> curve = b.budgetCurve();
            assertThat(curve.get(0).budgetBits()).isEqualTo(r.front().stream().mapToLong(SchedulePoint::onChipPeakBits).min().orElseThrow());
            assertThat(curve.get(curve.size() - 1).best().energyPj()).isEqualTo(best);
            for (int i = 0; i < curve.size(); i++) {
                Baselines.BudgetStep s = curve.get(i);
                if (i > 0) {
                    assertThat(s.best().energyPj()).isLessThan(curve.get(i - 1).best().energyPj());
                    assertThat(s.budgetBits()).isGreaterThan(curve.get(i - 1).budgetBits());
                }
                double within = o.optimize(new ScheduleOptimizer.Space(ScheduleOptimizerTest.CANDIDATES, 4, flags, s.budgetBits())).front().stream()
                        .mapToDouble(SchedulePoint::energyPj).min().orElseThrow();
                assertThat(s.best().energyPj()).as(as).isEqualTo(within);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(4);
        assertThat(gridPoints).isGreaterThan(flags.equals(CompatFlags.FIXED) ? 20 : 4); // in compat mode most grid points of branchy networks skip a layer
    }
}
