package io.defines.core.depthfirst;

import static io.defines.core.testdomain.GeneratedNetworks.generate;
import static io.defines.core.testdomain.GeneratedNetworks.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the depth-first engine over generated small workloads ({@link
 * io.defines.core.testdomain.GeneratedNetworks}: chains of 1–4 convolutions with random kernels 1/3/5,
 * strides 1/2, channels and sizes) × accelerators × tile sizes, seeded.
 */
class DepthFirstInvariantsTest {

    static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());
    static final int LPF = 4;

    record Case(long seed, Workload workload, String accelerator, long tileX, long tileY) {
        @Override
        public String toString() {
            return "seed " + seed + " (" + workload.layers().size() + " layers, " + accelerator + ", tile " + tileX + "x" + tileY + ")";
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 16; seed++) {
            Random r = new Random(seed);
            Workload w = generate(r);
            Layer last = w.layers().get(w.layers().size() - 1);
            long tx = 1 + r.nextInt((int) last.loopSize("OX") + 2);
            long ty = 1 + r.nextInt((int) last.loopSize("OY") + 2);
            String acc = r.nextBoolean() ? "meta-prototype-df" : "edge-tpu-like-df";
            out.add(Arguments.of(new Case(seed, w, acc, tx, ty)));
        }
        return out.stream();
    }

    static ScheduleResult run(Case c, Accelerator acc, OverlapStrategy h, OverlapStrategy v, long tx, long ty) {
        DepthFirstEngine e = new DepthFirstEngine(c.workload(), acc, mapping(c.accelerator()), new SingleLayerCache());
        return e.evaluate(Schedule.uniform(tx, ty, h, v, CutPolicy.FUSED, LPF, CompatFlags.FIXED)).orThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invariantsHold(Case c) {
        Accelerator acc = LIB.accelerator(c.accelerator());
        // the network as the depth-first flow sizes it (back-propagated from the last layer; a declared
        // producer may be larger than its consumers need): one tile covering the whole output map
        Layer last = c.workload().layers().get(c.workload().layers().size() - 1);
        long wx = last.loopSize("OX");
        long wy = last.loopSize("OY");
        ScheduleResult whole = run(c, acc, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE, wx, wy);
        long networkMacs = whole.macCount();
        assertThat(networkMacs).isLessThanOrEqualTo(c.workload().macCount());
        ScheduleResult rec = run(c, acc, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE, c.tileX(), c.tileY());
        ScheduleResult hc = run(c, acc, OverlapStrategy.CACHE, OverlapStrategy.RECOMPUTE, c.tileX(), c.tileY());
        ScheduleResult fc = run(c, acc, OverlapStrategy.CACHE, OverlapStrategy.CACHE, c.tileX(), c.tileY());
        ScheduleResult gl = run(c, acc, OverlapStrategy.GLOBAL, OverlapStrategy.GLOBAL, c.tileX(), c.tileY());
        // caching never computes more than recomputation; full caching computes every output exactly once
        assertThat(fc.macCount()).isEqualTo(networkMacs).isEqualTo(gl.macCount());
        assertThat(hc.macCount()).isBetween(fc.macCount(), rec.macCount());
        assertThat(rec.macCount()).isGreaterThanOrEqualTo(networkMacs);
        for (Layer l : c.workload().layers()) {
            long full = outputsComputed(whole, l);
            assertThat(outputsComputed(fc, l)).as("layer %d outputs, fully cached", l.id()).isEqualTo(full);
            assertThat(outputsComputed(rec, l)).as("layer %d outputs, recompute", l.id()).isGreaterThanOrEqualTo(full);
        }
        for (ScheduleResult r : List.of(rec, hc, fc, gl)) {
            // the breakdown sums to the total; every copy moves bits
            double sum = 0;
            long lat = 0;
            for (List<TypeResult> types : r.perKey().values()) {
                for (TypeResult t : types) {
                    sum += t.energyPj() * t.multiplicity();
                    lat += t.latencyCycles() * t.multiplicity();
                    if (t.copies() != null) {
                        t.copies().actions().forEach(a -> assertThat(a.action().bits()).isPositive());
                    }
                }
            }
            assertThat(sum).isCloseTo(r.energyPj(), org.assertj.core.api.Assertions.within(1e-6 * r.energyPj()));
            assertThat(lat).isEqualTo(r.latencyCycles());
            // energy per memory plus MAC energy is the total; the off-chip memory sees at least the final
            // output and every weight once; what stays on chip fits the on-chip memories
            double perMemory = r.energyPerMemoryPj(acc).values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(perMemory + r.macEnergyPj()).isCloseTo(r.energyPj(), org.assertj.core.api.Assertions.within(1e-9 * r.energyPj()));
            assertThat(r.energyPerMemoryPj(acc).keySet()).containsExactlyElementsOf(acc.memories().stream().map(Memory::name).toList());
            long outputBits = last.loopSize("K") * last.loopSize("OX") * last.loopSize("OY") * 8;
            long weightBits = c.workload().layers().stream().mapToLong(l -> l.loopSize("K") * l.loopSize("C") * l.loopSize("FX")
                    * l.loopSize("FY") * 8).sum();
            assertThat(r.offChipAccessBits(acc)).isGreaterThanOrEqualTo(outputBits + weightBits);
            Memory offChip = acc.chain(io.defines.core.hardware.MemoryOperand.O).get(acc.chain(io.defines.core.hardware.MemoryOperand.O).size() - 1);
            long onChipCapacity = acc.memories().stream().filter(m -> m != offChip)
                    .mapToLong(m -> m.sizeBits() * m.instanceCount(acc.array())).sum();
            assertThat(r.onChipPeakBits()).isBetween(0L, onChipCapacity);
            java.util.Map<String, Long> lb = r.latencyBreakdownCycles(acc);
            assertThat(lb.get("compute") + lb.get("control") + lb.get("stalls") + lb.get("onloading") + lb.get("data_copies")
                    + lb.get("exposed_transfers")).isEqualTo(r.latencyCycles());
            double byOperand = r.energyPerOperandAndMemoryPj().values().stream()
                    .flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).sum();
            assertThat(byOperand).isCloseTo(r.energyPj(), org.assertj.core.api.Assertions.within(1e-9 * r.energyPj()));
            assertThat(r.accessBitsPerMemory(acc).get(offChip.name())).isEqualTo(r.offChipAccessBits(acc));
        }
        // results do not depend on evaluation order or on a shared cache
        DepthFirstEngine shared = new DepthFirstEngine(c.workload(), acc, mapping(c.accelerator()), new SingleLayerCache());
        Schedule fcs = Schedule.uniform(c.tileX(), c.tileY(), OverlapStrategy.CACHE, OverlapStrategy.CACHE,
                CutPolicy.FUSED, LPF, CompatFlags.FIXED);
        shared.evaluate(Schedule.uniform(c.tileX(), c.tileY(), OverlapStrategy.GLOBAL, OverlapStrategy.RECOMPUTE, CutPolicy.FUSED, LPF,
                CompatFlags.FIXED));
        ScheduleResult again = shared.evaluate(fcs).orThrow();
        assertThat(again.energyPj()).isEqualTo(fc.energyPj());
        assertThat(again.latencyCycles()).isEqualTo(fc.latencyCycles());
        // raising any memory's access costs never lowers the total energy
        for (int i = 0; i < acc.memories().size(); i++) {
            Accelerator dearer = withDearerMemory(acc, i);
            ScheduleResult d = run(c, dearer, OverlapStrategy.CACHE, OverlapStrategy.CACHE, c.tileX(), c.tileY());
            assertThat(d.energyPj()).as("memory " + acc.memories().get(i).name() + " dearer").isGreaterThanOrEqualTo(fc.energyPj());
        }
        // a control overhead per layer run adds exactly layer runs × overhead cycles, and no energy
        io.defines.core.hardware.OperationalArray arr = acc.array();
        Accelerator slow = new Accelerator(acc.name(), new io.defines.core.hardware.OperationalArray(arr.dimensions(), arr.macEnergyPj(),
                arr.unitArea(), arr.inMemoryComputing(), 137), acc.memories());
        ScheduleResult fcSlow = run(c, slow, OverlapStrategy.CACHE, OverlapStrategy.CACHE, c.tileX(), c.tileY());
        assertThat(fcSlow.latencyCycles() - fc.latencyCycles()).isEqualTo(137 * fc.layerRuns());
        assertThat(fcSlow.energyPj()).isEqualTo(fc.energyPj());
        assertThat(fcSlow.latencyBreakdownCycles(slow).get("control")).isEqualTo(137 * fc.layerRuns());
        // a tile covering the whole map: no overlap, every strategy is the same schedule
        ScheduleResult a2 = run(c, acc, OverlapStrategy.CACHE, OverlapStrategy.CACHE, wx + 5, wy + 5);
        assertThat(a2.energyPj()).isEqualTo(whole.energyPj());
        assertThat(a2.latencyCycles()).isEqualTo(whole.latencyCycles());
    }

    private static long outputsComputed(ScheduleResult r, Layer l) {
        long n = 0;
        for (TypeResult t : r.perKey().getOrDefault("LayerNode_" + l.id(), List.of())) {
            n += t.loopSizes().getOrDefault("K", 1L) * t.loopSizes().getOrDefault("OX", 1L) * t.loopSizes().getOrDefault("OY", 1L)
                    * t.multiplicity();
        }
        return n;
    }

    private static Accelerator withDearerMemory(Accelerator acc, int index) {
        List<Memory> ms = new ArrayList<>();
        for (int i = 0; i < acc.memories().size(); i++) {
            Memory m = acc.memories().get(i);
            ms.add(i != index ? m : new Memory(m.name(), m.index(), m.sizeBits(), m.readEnergyPj() * 1.5 + 1, m.writeEnergyPj() * 1.5 + 1,
                    m.area(), m.latencyCycles(), m.operands(), m.ports(), m.servedDimensions(), m.forceDoubleBuffering()));
        }
        return new Accelerator(acc.name() + "-dearer", acc.array(), ms);
    }
}
