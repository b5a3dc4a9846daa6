package io.defines.core.depthfirst;

import io.defines.core.cost.LayerCost;
import java.util.List;
import java.util.Map;

/**
 * One tile type of one result key: its multiplicity and its cost — a layer's single-layer result
 * ({@code layer}) or a copy layer's data copies ({@code copies}). {@code onChipBits} (layers only):
 * the bits on chip while the layer runs — its input and output tiles whose top memory level is not the
 * off-chip memory, the overlap caches the tile keeps in on-chip levels, the outputs waiting on chip for
 * a later consumer, and the weights on chip (docs/explorations.md, {@code onchip_peak_bits}).
 */
public record TypeResult(int multiplicity, LayerCost layer, DataCopyModel.CopyLayerCost copies,
                         Map<String, Long> loopSizes, Map<String, List<String>> memoryNames, long onChipBits,
                         long hiddenTransferCycles, long exposedTransferCycles) {

    /** Off-chip transfers counted as DeFiNES counts them (no hidden on-loading, no exposed transfer). */
    public TypeResult(int multiplicity, LayerCost layer, DataCopyModel.CopyLayerCost copies,
                      Map<String, Long> loopSizes, Map<String, List<String>> memoryNames, long onChipBits) {
        this(multiplicity, layer, copies, loopSizes, memoryNames, onChipBits, 0, 0);
    }

    public double energyPj() {
        return layer instanceof LayerCost.Mapped m ? m.energyPj() : copies.energyPj();
    }

    /**
     * One run's latency (cycles): a layer's latency_total1 or a copy layer's latency, less the off-chip
     * transfers hidden behind compute (reads prefetched while an earlier step computed; a copy layer's
     * writes drained in the background), plus the off-chip transfer time no compute
     * hides ({@link TransferTimeline}).
     */
    public long latencyCycles() {
        long own = layer instanceof LayerCost.Mapped m ? m.latencyTotal1() : copies.latencyCycles();
        return own - hiddenTransferCycles + exposedTransferCycles;
    }

    /** The same tile type counted {@code times} times. */
    TypeResult times(int times) {
        return new TypeResult(times, layer, copies, loopSizes, memoryNames, onChipBits, hiddenTransferCycles, exposedTransferCycles);
    }

    /** The same with the off-chip transfer timing of {@link TransferTimeline}. */
    TypeResult withTransfers(long hiddenTransfers, long exposedTransfers) {
        return new TypeResult(multiplicity, layer, copies, loopSizes, memoryNames, onChipBits, hiddenTransfers, exposedTransfers);
    }

    /** MACs of one run of the layer on this tile type (0 for copies). */
    long macs() {
        if (layer == null) {
            return 0;
        }
        long m = 1;
        for (long v : loopSizes.values()) {
            m *= v;
        }
        return m;
    }
}
