package io.defines.explorer.sweep;

import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.workload.Workload;
import io.defines.explorer.results.ResultJson;

/**
 * Evaluates design points with the depth-first engine over one single-layer memo shared by all of
 * them (and all threads). The one place of a sweep that calls the engine and reads its result
 * (totals, energy per memory; the details object through {@link ResultJson}).
 */
final class PointEvaluator {
    private final InputCatalog inputs;
    private final SingleLayerCache cache;

    PointEvaluator(InputCatalog inputs, TemporalMapper mapper) {
        this.inputs = inputs;
        this.cache = SingleLayerCache.of(mapper);
    }

    SingleLayerCache cache() {
        return cache;
    }

    /** The point's totals and details, or the reason its schedule does not fit; with the wall time it took. */
    PointResult evaluate(DesignPoint p) {
        long t0 = System.nanoTime();
        Workload w = inputs.workload(p);
        Accelerator acc = inputs.accelerator(p);
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, inputs.mapping(p), cache);
        ScheduleOutcome outcome = engine.evaluate(p.schedule());
        if (outcome instanceof ScheduleOutcome.Problem inf) {
            return PointResult.infeasible(inf.message(), millis(t0));
        }
        ScheduleResult r = outcome.orThrow();
        return new PointResult(true, "", r.energyPj(), r.latencyCycles(), r.macCount(), r.macEnergyPj(),
                Math.round(r.offChipAccessBits(acc)), r.onChipPeakBits(), r.energyPerMemoryPj(acc), millis(t0), ResultJson.of(r, acc));
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
