package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.cost.LayerCost;
import io.defines.core.hardware.OffChipTransfers;
import io.defines.core.hardware.OffChipTransfers.Drain;
import io.defines.core.hardware.OffChipTransfers.Link;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The off-chip transfer rule on a case computed by hand: one tile row of a two-layer stack.
 * Layer 1 computes 100 cycles and on-loads 90, of which 80 from the off-chip memory (its input row);
 * layer 2 computes 50, stalls 10, on-loads 5 on chip and off-loads 130, of which 120 into the
 * off-chip memory (its output row). Busy times (compute, stalls, on-chip on-loading): B1 = 110,
 * B2 = 65; off-chip reads R1 = 80, R2 = 0; drains D1 = 0, D2 = 120. The step before layer 1 is layer 2
 * of the tile before (same type), the step after layer 2 is layer 1 of the next tile.
 */
class TransferTimelineTest {

    private static Map<ResultKey, TypeResult> tileRow() {
        Map<ResultKey, TypeResult> steps = new LinkedHashMap<>();
        steps.put(new ResultKey.Layer(1), run(100, 0, 90, 0, 80, 0));
        steps.put(new ResultKey.Layer(2), run(50, 10, 5, 130, 0, 120));
        return steps;
    }

    private static TypeResult run(long temporal, long stalls, long onloading, long offloading, long offChipOnloading, long offChipOffloading) {
        LayerCost.Mapped m = new LayerCost.Mapped(1, 0, 1, Map.of(), Map.of(), Map.of(), Map.of(), temporal, temporal, stalls, onloading,
                offloading, offChipOnloading, offChipOffloading, Map.of(), Map.of(), 1, 1, 1, false);
        return new TypeResult(1, m, null, Map.of(), Map.of(), 0);
    }

    /**
     * Per setting, by hand, in the steady state (t = layer 1's start):
     * <ul>
     * <li>separate ports, no prefetch, background drain: layer 1 reads [t, t+80], computes to t+190,
     *     while layer 2's drain of the tile before runs [t, t+120] on the write port: 190 and 65;</li>
     * <li>shared link: the read pauses the drain (it ends at t+200, during layer 2's compute, which
     *     waits for nothing): 190 and 65 again;</li>
     * <li>drain stalls (either link): layer 2 waits for its 120: 190 and 65 + 120 = 185;</li>
     * <li>separate, prefetch, background: layer 1's read is issued when layer 2 starts computing, 15
     *     after layer 2 ends (80 − 65): layer 1 takes 15 + 110 = 125, layer 2 65;</li>
     * <li>shared, prefetch, background: the link carries 80 + 120 = 200 per tile against 175 of
     *     compute, so a tile takes 200 (link-bound); the checks below take the sum;</li>
     * <li>separate, prefetch, stall: layer 2 waits for its drain (185), during which layer 1's read is
     *     done: 110 and 185;</li>
     * <li>shared, prefetch, stall: layer 2's drain waits for layer 1's read (issued when layer 2
     *     starts): 80 + 120 = 200 for layer 2, 110 for layer 1.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0} link, prefetch {1}, drain {2}")
    @CsvSource({
        // link, prefetch, drain, layer 1, layer 2 (-1: only the sum, 200, is checked)
        "SEPARATE, false, BACKGROUND, 190, 65",
        "SHARED,   false, BACKGROUND, 190, 65",
        "SEPARATE, false, STALL,      190, 185",
        "SHARED,   false, STALL,      190, 185",
        "SEPARATE, true,  BACKGROUND, 125, 65",
        "SHARED,   true,  BACKGROUND, -1,  -1",
        "SEPARATE, true,  STALL,      110, 185",
        "SHARED,   true,  STALL,      110, 200"})
    void latencyPerStepByHand(Link link, boolean prefetch, Drain drain, long layer1, long layer2) {
        Map<ResultKey, TypeResult> out = TransferTimeline.apply(tileRow(), new OffChipTransfers(link, prefetch, drain), 0, null);
        List<TypeResult> steps = List.copyOf(out.values());
        if (layer1 < 0) {
            assertThat(steps.get(0).latencyCycles() + steps.get(1).latencyCycles()).isEqualTo(200);
        } else {
            assertThat(steps.get(0).latencyCycles()).isEqualTo(layer1);
            assertThat(steps.get(1).latencyCycles()).isEqualTo(layer2);
        }
        // the parts of each step add up: busy + on-loading waited for + exposed
        for (TypeResult t : steps) {
            LayerCost.Mapped m = (LayerCost.Mapped) t.layer();
            assertThat(m.temporalCycles() + m.stallCycles() + (m.onloadingCycles() - t.hiddenTransferCycles()) + t.exposedTransferCycles())
                    .isEqualTo(t.latencyCycles());
            assertThat(t.hiddenTransferCycles()).isEqualTo(prefetch ? m.offChipOnloadingCycles() : 0);
        }
    }

    @Test
    void serialLinkWithoutPrefetchAddsTheOffChipOffloadingToDefinesTotal1() {
        Map<ResultKey, TypeResult> in = tileRow();
        long total1 = in.values().stream().mapToLong(t -> ((LayerCost.Mapped) t.layer()).latencyTotal1()).sum();
        Map<ResultKey, TypeResult> out = TransferTimeline.apply(in, new OffChipTransfers(Link.SHARED, false, Drain.STALL), 0, null);
        assertThat(total1).isEqualTo(255);
        assertThat(out.values().stream().mapToLong(TypeResult::latencyCycles).sum()).isEqualTo(255 + 120);
    }

    @Test
    void theControllersOverheadIsTimeTransfersCanHideIn() {
        // shared link with prefetch is link-bound (200 per tile against 175 of busy time): 25 cycles of
        // controller overhead per run (225 busy) hide the link entirely, so no step waits for a transfer
        Map<ResultKey, TypeResult> out = TransferTimeline.apply(tileRow(), new OffChipTransfers(Link.SHARED, true, Drain.BACKGROUND), 25, null);
        assertThat(out.values()).allSatisfy(t -> assertThat(t.exposedTransferCycles()).isZero());
    }

    @Test
    void copyLayersKeepTheirLatency() {
        Map<ResultKey, TypeResult> steps = new LinkedHashMap<>();
        DataCopyModel.CopyLayerCost copies = new DataCopyModel.CopyLayerCost(List.of(), 0, 40);
        steps.put(new ResultKey.CopiesBefore(1), new TypeResult(1, null, copies, Map.of(), Map.of(), 0));
        steps.putAll(tileRow());
        List<TypeResult> out = List.copyOf(TransferTimeline.apply(steps, new OffChipTransfers(Link.SHARED, false, Drain.BACKGROUND), 0, null).values());
        // layer 2's drain runs in the background during the copies and layer 1: nothing waits for it
        assertThat(out.get(0).latencyCycles()).isEqualTo(40);
        assertThat(out.stream().mapToLong(TypeResult::latencyCycles).sum()).isEqualTo(40 + 190 + 65);
    }
}
