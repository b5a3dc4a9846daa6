package io.defines.explorer.validation;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.OperationalArray;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates measurement rows on (possibly rescaled) accelerators and gives the model's value of each metric. */
final class ModelRuns {

    /** One evaluated row. {@code result} null when infeasible ({@code reason}). */
    record Run(Measurement m, Accelerator acc, ScheduleResult result, long usefulMacs, String reason) {

        /** The model's value of a metric (NaN when infeasible or not computable). */
        double value(Metric metric) {
            if (result == null) {
                return Double.NaN;
            }
            return switch (metric) {
                case LATENCY_CYCLES -> result.latencyCycles();
                case LATENCY_MS -> result.latencyCycles() / (m.clockMhz() * 1e3);
                case ENERGY_PJ -> result.energyPj();
                case TOPS_PER_W -> 2.0 * usefulMacs / result.energyPj();
                case TOPS_PER_W_CORE -> 2.0 * usefulMacs / (result.energyPj() - offChipEnergy());
                case OFFCHIP_BITS -> result.offChipAccessBits(acc);
            };
        }

        double offChipEnergy() {
            return result.energyPerMemoryPj(acc).get(acc.offChipMemory().name());
        }
    }

    /** The inputs of one row, read once. */
    record Inputs(Workload workload, Accelerator accelerator, Mapping mapping) {
    }

    private final SingleLayerCache cache = new SingleLayerCache();

    Run run(Measurement m, Inputs in, Accelerator acc) {
        Workload w = in.workload();
        Layer last = w.topologicalOrder().get(w.topologicalOrder().size() - 1);
        long tx = m.tileX() == 0 ? last.loopSizes().getOrDefault("OX", 1L) : m.tileX();
        long ty = m.tileY() == 0 ? last.loopSizes().getOrDefault("OY", 1L) : m.tileY();
        OverlapStrategy[] o = OverlapStrategy.parsePair(m.overlap());
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, in.mapping(), cache);
        Schedule s = Schedule.uniform(tx, ty, o[0], o[1], CutPolicy.parse(m.cuts()), m.lpfLimit(), CompatFlags.parse(m.compat()));
        ScheduleOutcome outcome = engine.evaluate(s);
        if (outcome instanceof ScheduleOutcome.Problem inf) {
            return new Run(m, acc, null, w.macCount(), inf.message());
        }
        return new Run(m, acc, outcome.orThrow(), w.macCount(), null);
    }

    /** {@code acc} with the MAC energy, memory access energies and control overhead changed. */
    static Accelerator rescaled(Accelerator acc, double macScale, Map<String, Double> memoryScale, long overheadCycles) {
        List<Memory> ms = new ArrayList<>();
        for (Memory m : acc.memories()) {
            double f = memoryScale.getOrDefault(m.name(), 1.0);
            ms.add(f == 1.0 ? m : m.withAccessEnergiesScaled(f));
        }
        OperationalArray a = acc.array();
        return acc.withMemories(ms).withArray(new OperationalArray(a.dimensions(), a.macEnergyPj() * macScale, a.unitArea(),
                a.inMemoryComputing(), overheadCycles));
    }
}
