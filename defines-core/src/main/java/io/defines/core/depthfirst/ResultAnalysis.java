package io.defines.core.depthfirst;

import io.defines.core.cost.LayerCost;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.AccessCost;
import io.defines.core.hardware.Memory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The analytics of a {@link ScheduleResult}: energy per memory and operand, access bits, latency split. */
final class ResultAnalysis {

    private static final String MAC = "mac";
    private final ScheduleResult result;

    ResultAnalysis(ScheduleResult result) {
        this.result = result;
    }

    /** Receives one energy contribution: the layer operand (or {@code copies}, or {@code mac}), the memory, pJ. */
    private interface EnergySink {
        void add(String operand, String memory, double pJ);
    }

    /** Receives one tile type with its multiplicity. */
    private interface TypeSink {
        void accept(TypeResult type, int multiplicity);
    }

    private void forEachType(TypeSink sink) {
        for (List<TypeResult> ts : result.types().values()) {
            for (TypeResult t : ts) {
                sink.accept(t, t.multiplicity());
            }
        }
    }

    /**
     * Every energy contribution × multiplicity, in result order: per layer tile type its MAC energy,
     * then per operand and level its accesses; per copy tile type each hop's send and receive.
     */
    private void forEachEnergy(EnergySink sink) {
        forEachType((t, mul) -> {
            if (t.layer() instanceof LayerCost.Mapped m) {
                sink.add(MAC, MAC, m.macEnergyPj() * mul);
                m.energyPerLevelPj().forEach((op, levels) -> {
                    List<String> names = m.memoryNames().get(op);
                    for (int l = 0; l < levels.length; l++) {
                        sink.add(op, names.get(l), levels[l] * mul);
                    }
                });
            } else if (t.copies() != null) {
                for (DataCopyModel.CostedAction a : t.copies().actions()) {
                    for (int h = 0; h < a.hops().size(); h++) {
                        DataCopyModel.Hop hop = a.hops().get(h);
                        double[] e = a.hopEnergiesPj().get(h);
                        sink.add("copies", hop.sender().name(), e[0] * mul);
                        sink.add("copies", hop.receiver().name(), e[1] * mul);
                    }
                }
            }
        });
    }

    Map<String, Double> energyPerMemoryPj(Accelerator acc) {
        Map<String, Double> out = new LinkedHashMap<>();
        acc.memories().forEach(m -> out.put(m.name(), 0.0));
        forEachEnergy((operand, memory, pJ) -> {
            if (!operand.equals(MAC)) {
                out.merge(memory, pJ, Double::sum);
            }
        });
        return out;
    }

    Map<String, Map<String, Double>> energyPerOperandAndMemoryPj() {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        forEachEnergy((operand, memory, pJ) -> out.computeIfAbsent(operand, k -> new LinkedHashMap<>()).merge(memory, pJ, Double::sum));
        return out;
    }

    /**
     * Bits read from and written to each memory, by name in {@code acc}'s listing order: layer accesses
     * (word accesses × port width) plus the data-copy hops that start or end there.
     */
    Map<String, Double> accessBitsPerMemory(Accelerator acc) {
        Map<String, Double> out = new LinkedHashMap<>();
        acc.memories().forEach(m -> out.put(m.name(), 0.0));
        forEachType((t, mul) -> {
            if (t.layer() instanceof LayerCost.Mapped m) {
                for (var e : m.wordAccesses().entrySet()) {
                    List<String> names = m.memoryNames().get(e.getKey());
                    double[][] words = e.getValue();
                    for (int l = 0; l < words.length; l++) {
                        Memory mem = acc.memory(names.get(l)).orElseThrow();
                        // directions: rd_out_to_low, wr_in_by_low, rd_out_to_high, wr_in_by_high
                        double w = (words[l][0] + words[l][2]) * AccessCost.widthBits(mem, false)
                                + (words[l][1] + words[l][3]) * AccessCost.widthBits(mem, true);
                        out.merge(mem.name(), w * mul, Double::sum);
                    }
                }
            } else if (t.copies() != null) {
                for (DataCopyModel.CostedAction a : t.copies().actions()) {
                    long b = a.action().bits();
                    for (DataCopyModel.Hop hop : a.hops()) {
                        out.merge(hop.sender().name(), AccessCost.accessBits(b, hop.out()) * mul, Double::sum);
                        out.merge(hop.receiver().name(), AccessCost.accessBits(b, hop.in()) * mul, Double::sum);
                    }
                }
            }
        });
        return out;
    }

    LatencyBreakdown latencyBreakdown(long overheadCycles) {
        return LatencyBreakdown.of(result.types().values().stream().flatMap(List::stream).toList(), overheadCycles);
    }

    long layerRuns() {
        long n = 0;
        for (List<TypeResult> ts : result.types().values()) {
            for (TypeResult t : ts) {
                if (t.layer() != null) {
                    n += t.multiplicity();
                }
            }
        }
        return n;
    }

    double macEnergyPj() {
        double e = 0;
        for (List<TypeResult> ts : result.types().values()) {
            for (TypeResult t : ts) {
                if (t.layer() instanceof LayerCost.Mapped m) {
                    e += m.macEnergyPj() * t.multiplicity();
                }
            }
        }
        return e;
    }
}
