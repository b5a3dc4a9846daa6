package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A layer reading a concatenation ({@code operand_source: {I: [1, 2]}}) costs what the same layer
 * reading one producer of the summed channels costs: its input tile has the concatenated channels,
 * each part is brought from its own producer, and the parts' copies add up to the whole tensor.
 * The reference network replaces the two producers by one of 8 + 24 = 32 channels.
 */
class ConcatenationTest {

    @Test
    void theReaderGivesEachProducerItsPartAlongTheChannels() {
        Workload w = WorkloadReader.read("concat.yaml", new StringReader(ConcatenationFixtures.CONCAT)).orThrow();
        Layer l3 = w.layer(3).orElseThrow();
        assertThat(l3.inputs()).extracting(LayerInput::producerId).containsExactly(1, 2);
        assertThat(l3.inputs()).extracting(LayerInput::part)
                .containsExactly(new LayerInput.Part("C", 0, 8), new LayerInput.Part("C", 8, 24));
        assertThat(l3.producers()).containsExactly(1, 2);
        // the operand once: 32 channels × 32 × 32
        assertThat(l3.inputElements()).isEqualTo(32L * 32 * 32);
        assertThat(w.consumers(1)).extracting(Layer::id).containsExactly(3);
        assertThat(w.consumers(2)).extracting(Layer::id).containsExactly(3);
        long macs = 32L * 32 * (16 * 3 * 9 + 8 * 16 + 24 * 16 * 9 + 16 * 32);
        assertThat(w.macCount()).isEqualTo(macs);
    }

    @Test
    void theConsumerCostsWhatItCostsReadingOneProducerOfTheSameChannels() {
        Workload concat = WorkloadReader.read("concat.yaml", new StringReader(ConcatenationFixtures.CONCAT)).orThrow();
        Workload single = WorkloadReader.read("single.yaml", new StringReader(ConcatenationFixtures.SINGLE)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        DepthFirstEngine a = engine(concat, acc);
        DepthFirstEngine b = engine(single, acc);
        for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            OverlapPair p = OverlapPair.parse(mode);
            for (CutPolicy cuts : List.of(CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER, new CutPolicy.After(List.of(2)))) {
                for (long tile : new long[] {4, 8, 32}) {
                    Schedule s = Schedule.uniform(tile, tile, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED);
                    ScheduleResult ra = a.evaluate(s).orThrow();
                    ScheduleResult rb = b.evaluate(s).orThrow();
                    String as = mode + " " + cuts.text() + " tile " + tile;
                    assertThat(ra.stacks().stream().flatMap(st -> st.layerIds().stream()).sorted().toList()).as(as).containsExactly(0, 1, 2, 3);
                    if (mode.equals("fully-cached")) {
                        assertThat(ra.macCount()).as(as).isEqualTo(concat.macCount());
                    }
                    assertThat(layerEnergy(ra, 3)).as(as).isCloseTo(layerEnergy(rb, 3), within(1e-9 * layerEnergy(rb, 3)));
                    assertThat(layerTiles(ra, 3)).as(as).isEqualTo(layerTiles(rb, 3));
                    if (cuts instanceof CutPolicy.After) {
                        // only L3's stack has input nodes: they bring the parts from off chip, together what the one producer brings
                        assertThat(inputNodeCopyBits(ra)).as(as).isEqualTo(inputNodeCopyBits(rb));
                    }
                }
            }
        }
    }

    @Test
    void aStackStartingAtTheConsumerBringsEachPartFromOffChip() {
        Workload w = WorkloadReader.read("concat.yaml", new StringReader(ConcatenationFixtures.CONCAT)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        OverlapPair p = OverlapPair.parse("fully-cached");
        ScheduleResult r = engine(w, acc).evaluate(Schedule.uniform(32, 32, p.horizontal(), p.vertical(), new CutPolicy.After(List.of(2)), 4,
                CompatFlags.FIXED)).orThrow();
        // one tile; the second stack's input nodes stand for L1 (8 channels) and L2 (24 channels) of 32 × 32 pixels, 8 bits each
        assertThat(copiedBits(r, -2)).isEqualTo(8L * 32 * 32 * 8);
        assertThat(copiedBits(r, -3)).isEqualTo(24L * 32 * 32 * 8);
    }

    @Test
    void aPartThatIsAChannelRangeOfItsProducerBringsOnlyThoseChannels() {
        // L3 reads L1's 8 channels and channels 4 … 23 of L2's 24 (C = 28); L2 is a stack output read in part
        Workload w = WorkloadReader.read("range.yaml", new StringReader(ConcatenationFixtures.CONCAT
                .replace("I: [1, 2]", "I: [1, {layer: 2, channels: [4, 24]}]")
                .replace("loop_sizes: [1, 16, 32, 32, 32, 1, 1]", "loop_sizes: [1, 16, 28, 32, 32, 1, 1]"))).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        OverlapPair p = OverlapPair.parse("fully-cached");
        ScheduleResult r = engine(w, acc).evaluate(Schedule.uniform(32, 32, p.horizontal(), p.vertical(), new CutPolicy.After(List.of(2)), 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(copiedBits(r, -2)).isEqualTo(8L * 32 * 32 * 8);
        assertThat(copiedBits(r, -3)).isEqualTo(20L * 32 * 32 * 8);
        for (CutPolicy cuts : List.of(CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER)) {
            for (long tile : new long[] {4, 32}) {
                ScheduleResult f = engine(w, acc).evaluate(Schedule.uniform(tile, tile, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED))
                        .orThrow();
                assertThat(f.macCount()).as(cuts.text() + " " + tile).isEqualTo(w.macCount());
            }
        }
    }

    /** L0 3 → 8 at 16 × 16; L1 8 → 8 3 × 3 / 2 (8 × 8); L2 1 × 1 over L1 upsampled ×2 next to L0: 16 → 8 at 16 × 16. */
    static final String UPSAMPLED = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 3, 16, 16, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
              pr_loop_dims: [IX, IY]
              padding: [[1, 1], [1, 1]]
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=2*ox+1*fx, iy=2*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 8, 8, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
              pr_loop_dims: [IX, IY]
              padding: [[1, 0], [1, 0]]
            - id: 2
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 16, 16, 16, 1, 1]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 2, I: [{layer: 1, upsample: 2}, 0]}
            """;

    @Test
    void anUpsampledReadComputesEveryProducerPixelOnceWhenCached() {
        Workload w = WorkloadReader.read("up.yaml", new StringReader(UPSAMPLED)).orThrow();
        assertThat(w.layer(2).orElseThrow().inputs()).extracting(LayerInput::upsample).containsExactly(io.defines.core.workload.Upsampling.nearest(2), io.defines.core.workload.Upsampling.NONE);
        long macs = 16L * 16 * 8 * 3 * 9 + 8L * 8 * 8 * 8 * 9 + 16L * 16 * 8 * 16;
        assertThat(w.macCount()).isEqualTo(macs);
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        DepthFirstEngine e = engine(w, acc);
        for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            OverlapPair p = OverlapPair.parse(mode);
            for (CutPolicy cuts : List.of(CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER, new CutPolicy.After(List.of(1)))) {
                for (long tile : new long[] {3, 4, 5, 16}) {
                    ScheduleResult r = e.evaluate(Schedule.uniform(tile, tile, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED)).orThrow();
                    String as = mode + " " + cuts.text() + " tile " + tile;
                    if (mode.equals("fully-cached") || tile == 16) {
                        assertThat(r.macCount()).as(as).isEqualTo(macs);
                    } else {
                        assertThat(r.macCount()).as(as).isGreaterThanOrEqualTo(macs);
                    }
                }
            }
        }
        // without the upsampling, L2 would read 16 rows of L1's 8: a warning says so
        var plain = WorkloadReader.read("plain.yaml", new StringReader(UPSAMPLED.replace("{layer: 1, upsample: 2}", "{layer: 1}")));
        assertThat(plain.diagnostics()).extracting(io.defines.core.input.Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("reads 16 elements along IX of operand I, but layer 1 produces only 8"));
    }

    private static long copiedBits(ScheduleResult r, int node) {
        return r.types().get(new ResultKey.CopiesBefore(node)).stream().mapToLong(t -> t.multiplicity() * copiedBits(t)).sum();
    }

    private static DepthFirstEngine engine(Workload w, Accelerator acc) {
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        return new DepthFirstEngine(w, acc, m, new SingleLayerCache());
    }

    private static double layerEnergy(ScheduleResult r, int id) {
        return r.types().get(new ResultKey.Layer(id)).stream().mapToDouble(t -> t.multiplicity() * t.energyPj()).sum();
    }

    private static List<Map<String, Long>> layerTiles(ScheduleResult r, int id) {
        return r.types().get(new ResultKey.Layer(id)).stream().map(TypeResult::loopSizes).toList();
    }

    /** Bits the stacks' input nodes (ids −2, −3, …) copy, over all tiles. */
    private static long inputNodeCopyBits(ScheduleResult r) {
        long bits = 0;
        for (var e : r.types().entrySet()) {
            if (e.getKey() instanceof ResultKey.CopiesBefore c && c.nodeId() <= -2) {
                for (TypeResult t : e.getValue()) {
                    bits += t.multiplicity() * copiedBits(t);
                }
            }
        }
        return bits;
    }

    private static long copiedBits(TypeResult t) {
        return t.copies().actions().stream().mapToLong(a -> a.action().bits()).sum();
    }
}
