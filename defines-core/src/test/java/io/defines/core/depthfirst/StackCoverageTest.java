package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cut list that would compute a layer twice, or drop one, is refused with the layer and the reason
 * instead of giving wrong numbers; cuts that follow the branches evaluate every layer once.
 */
class StackCoverageTest {

    /** A residual block with a projection shortcut: 0 → (1 → 3, 2) → add 4; 1 and 2 interleave in the topological order. */
    static final String BLOCK = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 4, 12, 12, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 10, 10, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
            - id: 2
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 8, 8, 5, 5]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 2, I: 0}
            - id: 3
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 8, 8, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 3, I: 1}
            - id: 4
              operator_type: Add
              equation: O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]
              loop_dims: [B, G, OY, OX]
              loop_sizes: [1, 8, 8, 8]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 2, I: 3}
            """;

    static final String MAPPING = GeneratedDags.MAPPING;

    /** meta-prototype-df's off-chip memory. */
    private static final String DRAM = "dram";


    private static ScheduleOutcome evaluate(CutPolicy cuts) {
        return evaluate(cuts, CompatFlags.FIXED);
    }

    private static ScheduleOutcome evaluate(CutPolicy cuts, CompatFlags flags) {
        Workload w = WorkloadReader.read("block.yaml", new StringReader(BLOCK)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read("m.yaml", new StringReader(MAPPING), w, acc).orThrow();
        return new DepthFirstEngine(w, acc, m, new SingleLayerCache()).evaluate(Schedule.uniform(4, 4, OverlapStrategy.RECOMPUTE,
                OverlapStrategy.RECOMPUTE, cuts, 4, flags));
    }

    @Test
    void cutsAfterEveryLayerOfAnInterleavedBlockGiveEveryLayerItsOwnStack() {
        ScheduleResult r = evaluate(new CutPolicy.After(List.of(0, 1, 2, 3))).orThrow();
        assertThat(r.stacks()).extracting(StackResult::layerIds).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4));
        assertThat(r.macCount()).isEqualTo(WorkloadReader.read("block.yaml", new StringReader(BLOCK)).orThrow().macCount());
        // DeFiNES' rule, reproduced in compat mode, computes layer 1 again with layer 3 (and, with its cut-after-0 quirk, layer 0)
        ScheduleResult compat = evaluate(new CutPolicy.After(List.of(0, 1, 2, 3)), CompatFlags.DEFINES_2023).orThrow();
        assertThat(compat.stacks().stream().flatMap(st -> st.layerIds().stream()).filter(id -> id == 1).count()).isGreaterThan(1);
    }

    @Test
    void cutsBetweenBlocksComputeEveryLayerOnce() {
        long macs = WorkloadReader.read("block.yaml", new StringReader(BLOCK)).orThrow().macCount();
        for (CutPolicy cuts : List.of(CutPolicy.FUSED, new CutPolicy.After(List.of(0)))) {
            ScheduleResult r = evaluate(cuts).orThrow();
            List<Integer> all = r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList();
            assertThat(all).as(cuts.text()).containsExactly(0, 1, 2, 3, 4);
            // a whole-map stack output with recompute: every layer output element once, convolutions exact (valid, no padding)
            assertThat(r.macCount()).as(cuts.text()).isGreaterThanOrEqualTo(macs);
        }
    }

    /** Two heads on one trunk: 0 → 1 and 0 → 2; both are network outputs. */
    static final String TWO_HEADS = BLOCK.substring(0, BLOCK.indexOf("- id: 3"));

    @Test
    void aSecondNetworkOutputIsComputedInTheStackThatHoldsIt() {
        Workload w = WorkloadReader.read("heads.yaml", new StringReader(TWO_HEADS)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        // the Add entry applies to no layer here: a warning, not a refusal
        var parsed = MappingReader.read("m.yaml", new StringReader(MAPPING), w, acc);
        assertThat(parsed.diagnostics()).anySatisfy(d -> assertThat(d.render()).contains("unrolls G").contains("no layer uses this entry"));
        Mapping m = parsed.orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        // MACs by hand: layer 0 8·4·12·12·9, head 1 8·8·10·10·9, head 2 8·8·8·8·25
        long macs = 8L * 4 * 144 * 9 + 8L * 8 * 100 * 9 + 8L * 8 * 64 * 25;
        assertThat(w.macCount()).isEqualTo(macs);
        // one fused stack ends at head 2 (8 × 8, 4 × 4 tiles); head 1 (10 × 10) follows the tiles as [0, 5) and [5, 10)
        ScheduleResult cached = engine.evaluate(Schedule.uniform(4, 4, OverlapStrategy.CACHE, OverlapStrategy.CACHE,
                CutPolicy.FUSED, 4, CompatFlags.FIXED)).orThrow();
        assertThat(cached.stacks()).extracting(StackResult::layerIds).containsExactly(List.of(0, 1, 2));
        assertThat(cached.macCount()).isEqualTo(macs);
        assertThat(cached.perKey().get("LayerNode_1")).extracting(t -> t.loopSizes().get("OX")).containsOnly(5L);
        ScheduleResult recompute = engine.evaluate(Schedule.uniform(4, 4, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE,
                CutPolicy.FUSED, 4, CompatFlags.FIXED)).orThrow();
        assertThat(recompute.macCount()).isGreaterThan(macs);
        // a cut after the first head: each head ends its own stack, every layer once
        ScheduleResult cut = engine.evaluate(Schedule.uniform(8, 8, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE,
                new CutPolicy.After(List.of(1)), 4, CompatFlags.FIXED)).orThrow();
        assertThat(cut.stacks()).extracting(StackResult::layerIds).containsExactly(List.of(0, 1), List.of(2));
        assertThat(cut.macCount()).isGreaterThanOrEqualTo(macs);
    }

    /** A classifier head without a feature map (1: a fully connected layer over layer 0's 12 × 12 map) beside a 3 × 3 head (2). */
    static final String FC_BESIDE_CONV = BLOCK.substring(0, BLOCK.indexOf("- id: 1")) + """
            - id: 1
              operator_type: Gemm
              equation: O[b][k]+=W[k][c][fy][fx]*I[b][c][fy][fx]
              loop_dims: [B, K, C, FY, FX]
              loop_sizes: [1, 10, 8, 12, 12]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
            - id: 2
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 10, 10, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 2, I: 0}
            """;

    @Test
    void aSecondOutputWithoutAFeatureMapIsRefusedInATiledStack() {
        Workload w = WorkloadReader.read("fc.yaml", new StringReader(FC_BESIDE_CONV)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        ScheduleOutcome tiled = engine.evaluate(Schedule.uniform(4, 4, OverlapStrategy.CACHE, OverlapStrategy.CACHE, CutPolicy.FUSED, 4,
                CompatFlags.FIXED));
        assertThat(tiled).isInstanceOf(ScheduleOutcome.Unsupported.class);
        assertThat(((ScheduleOutcome.Problem) tiled).message()).contains("9 tiles").contains("layer [1]").contains("put a cut after it");
        // one tile: both heads computed once; a cut after layer 1, as the hint says: the classifier ends the first stack
        long macs = 8L * 4 * 144 * 9 + 10L * 8 * 144 + 8L * 8 * 100 * 9;
        for (var s : List.of(Schedule.uniform(10, 10, OverlapStrategy.CACHE, OverlapStrategy.CACHE, CutPolicy.FUSED, 4, CompatFlags.FIXED),
                Schedule.uniform(4, 4, OverlapStrategy.CACHE, OverlapStrategy.CACHE, new CutPolicy.After(List.of(1)), 4, CompatFlags.FIXED))) {
            assertThat(engine.evaluate(s).orThrow().macCount()).isEqualTo(macs);
        }
    }

    @Test
    void aFirstLayerWhoseWeightsOverflowIsOneStackNotAnEmptyOne() {
        // 512 · 512 · 3 · 3 weights of 8 bits = 18.9 Mbit, over meta-prototype-df's 8 Mbit weight memory: DeFiNES' rule
        // cuts after the network input and after the layer, which used to leave a first stack with no layer
        String big = BLOCK.substring(0, BLOCK.indexOf("- id: 1")).replace("[1, 8, 4, 12, 12, 3, 3]", "[1, 512, 512, 8, 8, 3, 3]");
        Workload w = WorkloadReader.read("big.yaml", new StringReader(big)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read("m.yaml", new StringReader(MAPPING), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        assertThat(engine.cutIds(CutPolicy.AUTO)).containsExactly(-1, 0);
        ScheduleResult r = engine.evaluate(Schedule.uniform(4, 4, OverlapStrategy.CACHE, OverlapStrategy.CACHE, CutPolicy.AUTO, 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(r.stacks()).extracting(StackResult::layerIds).containsExactly(List.of(0));
        assertThat(r.macCount()).isEqualTo(512L * 512 * 64 * 9);
    }

    @Test
    void aTensorReadByALaterStackIsWrittenOffChipOnce() {
        // cut after 1: layer 0's output is read by layer 1 in its own stack and by layer 2 in the next one
        ScheduleResult r = evaluate(new CutPolicy.After(List.of(1))).orThrow();
        assertThat(r.stacks().get(0).layerIds()).containsExactly(0, 1);
        assertThat(r.stacks().get(1).layerIds()).containsExactlyInAnyOrder(2, 3, 4);
        long toDram = 0;
        for (TypeResult t : r.perKey().get("datamovement_b4_LayerNode_1")) {
            for (DataCopyModel.CostedAction a : t.copies().actions()) {
                if (a.path().get(a.path().size() - 1).equals(DRAM)) {
                    toDram += a.action().bits() * t.multiplicity();
                }
            }
        }
        // its whole map once, over the tiles of layer 1's 10 × 10 output: 8 channels × 12 × 12 × 8 bits
        assertThat(toDram).isEqualTo(8L * 12 * 12 * 8);
    }

    @Test
    void tensorsWaitingForTheirConsumerAndResidentWeightsCountOnChip() {
        // one fused stack, 4 × 4 output tiles: while layer 2 (the 5×5 shortcut) runs its first tile, layer 1's output
        // tile waits on chip for layer 3
        ScheduleResult r = evaluate(CutPolicy.FUSED).orThrow();
        TypeResult shortcut = r.perKey().get("LayerNode_2").get(0);
        assertThat(shortcut.loopSizes()).containsEntry("OX", 4L).containsEntry("OY", 4L);
        long input = 8 * 8 * 8 * 8;     // layer 0's output read by a 4 × 4 tile of a 5 × 5 conv: 8 channels × 8 × 8, 8 bits
        long output = 8 * 4 * 4 * 8;    // layer 2's output tile
        long own = 0;
        String offChip = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df").offChipMemory().name();
        for (var e : shortcut.memoryNames().entrySet()) {
            boolean on = !e.getValue().get(e.getValue().size() - 1).equals(offChip);
            own += on ? switch (e.getKey()) {
                case "I" -> input;
                case "O" -> output;
                default -> 0;
            } : 0;
        }
        long held = 8 * 6 * 6 * 8;      // layer 1's output tile for a 4 × 4 tile of the 3 × 3 layer 3: 8 channels × 6 × 6
        // the stack's weights stay on chip from tile to tile; the first tile has loaded layers 0, 1 and 2's when layer 2 runs
        long weightsSoFar = (8 * 4 * 3 * 3 + 8 * 8 * 3 * 3 + 8 * 8 * 5 * 5) * 8;
        long allWeights = weightsSoFar + 8 * 8 * 3 * 3 * 8;
        assertThat(shortcut.onChipBits()).isEqualTo(own + held + weightsSoFar);
        TypeResult later = r.perKey().get("LayerNode_2").get(1);
        assertThat(later.onChipBits()).isGreaterThanOrEqualTo(allWeights);
        assertThat(r.onChipPeakBits()).isGreaterThanOrEqualTo(own + held + weightsSoFar);
    }
}
