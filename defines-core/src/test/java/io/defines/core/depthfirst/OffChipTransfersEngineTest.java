package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.core.compat.CompatFlags;
import io.defines.core.compat.Quirk;
import io.defines.core.cost.LayerCost;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.OffChipTransfers;
import io.defines.core.hardware.OffChipTransfers.Drain;
import io.defines.core.hardware.OffChipTransfers.Link;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.testdomain.GeneratedNetworks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The off-chip transfer property through the engine, on generated networks and on the golden
 * schedules: the latency breakdown sums to the latency in every setting; a shared link without
 * prefetch whose drains stall adds exactly every run's off-chip off-loading to DeFiNES' count
 * (computed here from the runs' single-layer results, not by the timeline); the default (separate
 * ports, drains in the background) lies between DeFiNES' count and that; compat mode ignores the
 * property.
 */
class OffChipTransfersEngineTest {

    private static final List<OffChipTransfers> ALL = settings();

    private static List<OffChipTransfers> settings() {
        List<OffChipTransfers> out = new ArrayList<>();
        for (Link l : Link.values()) {
            for (boolean p : new boolean[] {false, true}) {
                for (Drain d : Drain.values()) {
                    out.add(new OffChipTransfers(l, p, d));
                }
            }
        }
        return out;
    }

    /** DeFiNES' count (latency_total1 per run, copies, control) and the runs' off-chip off-loading, from the result's runs. */
    private static long[] definesCountAndOffChipOffloading(ScheduleResult r, Accelerator acc) {
        long total1 = 0;
        long offChipOffloading = 0;
        for (List<TypeResult> ts : r.types().values()) {
            for (TypeResult t : ts) {
                if (t.layer() instanceof LayerCost.Mapped m) {
                    total1 += (m.latencyTotal1() + acc.array().controlOverheadCycles()) * t.multiplicity();
                    offChipOffloading += m.offChipOffloadingCycles() * t.multiplicity();
                    assertThat(m.offChipOffloadingCycles()).isBetween(0L, m.offloadingCycles());
                    assertThat(m.offChipOnloadingCycles()).isBetween(0L, m.onloadingCycles());
                } else if (t.copies() != null) {
                    total1 += t.copies().latencyCycles() * t.multiplicity();
                }
            }
        }
        return new long[] {total1, offChipOffloading};
    }

    private static void checkAllSettings(String what, DepthFirstEngineFactory engine, Accelerator acc, Schedule fixed, Schedule compat) {
        Long compatLatency = null;
        for (OffChipTransfers t : ALL) {
            Accelerator a = acc.withOffChipTransfers(t);
            ScheduleResult r = engine.create(a).evaluate(fixed).orThrow();
            LatencyBreakdown lb = r.latencyBreakdown(a);
            assertThat(lb.total()).as("%s %s: the parts sum to the latency", what, t).isEqualTo(r.latencyCycles());
            long[] counts = definesCountAndOffChipOffloading(r, a);
            if (t.link() == Link.SHARED && !t.prefetch() && t.drain() == Drain.STALL) {
                assertThat(r.latencyCycles()).as("%s serial", what).isEqualTo(counts[0] + counts[1]);
            }
            if (t.equals(OffChipTransfers.DEFAULT)) {
                assertThat(r.latencyCycles()).as("%s default", what).isBetween(counts[0], counts[0] + counts[1]);
            }
            if (!t.prefetch() && t.drain() == Drain.STALL) {
                assertThat(lb.hidden()).as("%s: nothing overlaps compute", what).isZero();
            }
            long c = engine.create(a).evaluate(compat).orThrow().latencyCycles();
            if (compatLatency != null) {
                assertThat(c).as("%s compat ignores %s", what, t).isEqualTo(compatLatency);
            }
            compatLatency = c;
        }
    }

    @FunctionalInterface
    private interface DepthFirstEngineFactory {
        DepthFirstEngine create(Accelerator acc);
    }

    @ParameterizedTest
    @MethodSource("io.defines.core.depthfirst.DepthFirstInvariantsTest#cases")
    void everySettingOnGeneratedNetworks(DepthFirstInvariantsTest.Case c) {
        Accelerator acc = DepthFirstInvariantsTest.LIB.accelerator(c.accelerator());
        DepthFirstEngineFactory f = a -> new DepthFirstEngine(c.workload(), a, GeneratedNetworks.mapping(c.accelerator()), new SingleLayerCache());
        for (OverlapStrategy s : List.of(OverlapStrategy.RECOMPUTE, OverlapStrategy.CACHE)) {
            checkAllSettings(c.toString(), f, acc,
                    Schedule.uniform(c.tileX(), c.tileY(), s, s, CutPolicy.FUSED, DepthFirstInvariantsTest.LPF, CompatFlags.FIXED),
                    Schedule.uniform(c.tileX(), c.tileY(), s, s, CutPolicy.FUSED, DepthFirstInvariantsTest.LPF, CompatFlags.DEFINES_2023));
        }
    }

    /**
     * The golden schedules in the default mode: every setting checked as above, and the default
     * setting's effect on DeFiNES' count printed (docs/deviations.md quotes it).
     */
    @Test
    void goldenSchedules() {
        GoldenRuns lib = GoldenDepthFirstParityTest.LIB;
        CompatFlags total1 = new CompatFlags(EnumSet.of(Quirk.OFF_CHIP_TRANSFERS_AS_TOTAL1));
        JsonNode runs = GoldenRuns.json().get("runs");
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            String mode = run.get("mode").asText();
            String accName = GoldenRuns.acceleratorName(run.get("acc").asText());
            String wl = GoldenRuns.workloadName(run.get("wl").asText());
            SingleLayerCache cache = new SingleLayerCache();
            DepthFirstEngineFactory f = a -> new DepthFirstEngine(lib.workload(wl), a, lib.mapping(accName.replace("-df", ""), wl), cache);
            Accelerator acc = lib.accelerator(accName);
            long tx = run.get("tx").asLong();
            long ty = run.get("ty").asLong();
            Schedule fixed = Schedule.cachingOrRecompute(tx, ty, !mode.equals("1"), mode.equals("3"), CutPolicy.AUTO, 6, CompatFlags.FIXED);
            Schedule compat = Schedule.cachingOrRecompute(tx, ty, !mode.equals("1"), mode.equals("3"), CutPolicy.AUTO, 6, CompatFlags.DEFINES_2023);
            checkAllSettings("golden run " + i, f, acc, fixed, compat);
            long base = f.create(acc).evaluate(Schedule.cachingOrRecompute(tx, ty, !mode.equals("1"), mode.equals("3"), CutPolicy.AUTO, 6, total1))
                    .orThrow().latencyCycles();
            ScheduleResult r = f.create(acc).evaluate(fixed).orThrow();
            ScheduleResult serial = f.create(acc.withOffChipTransfers(new OffChipTransfers(Link.SHARED, false, Drain.STALL))).evaluate(fixed).orThrow();
            System.out.printf(Locale.ROOT, "golden run %d (%s %s %dx%d mode %s): latency with DeFiNES' count %d, default transfers %d (%+.3f %%),"
                            + " serial %d (%+.3f %%)%n", i, accName, wl, tx, ty, mode, base, r.latencyCycles(), 100.0 * (r.latencyCycles() - base) / base,
                    serial.latencyCycles(), 100.0 * (serial.latencyCycles() - base) / base);
        }
    }
}
