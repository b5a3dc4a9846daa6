package io.defines.core.depthfirst;

import io.defines.core.RepoPaths;
import io.defines.core.testdomain.ZigZagStyleResNet18;
import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Padding in the depth-first flow: a border tile's receptive field is clipped to the real feature
 * map, so it computes and fetches fewer pixels (hand-computed), and full caching still computes every
 * output exactly once. DeFiNES has no padding (its networks are written with inflated sizes).
 */
class PaddingTest {

    /** Two "same" 3×3 convolutions (padding 1 on every side) on a 10 × 8 map. */
    static final String SAME = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 1, 8, 10, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
              pr_loop_dims: [IX, IY]
              padding: [[1, 1], [1, 1]]
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 8, 10, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
              pr_loop_dims: [IX, IY]
              padding: [[1, 1], [1, 1]]
            """;

    static ScheduleResult run(Workload w, Accelerator a, Mapping m, long tx, long ty, OverlapStrategy h, OverlapStrategy v) {
        return run(w, a, m, tx, ty, h, v, List.of());
    }

    static ScheduleResult run(Workload w, Accelerator a, Mapping m, long tx, long ty, OverlapStrategy h, OverlapStrategy v,
                                       List<Integer> cuts) {
        return new DepthFirstEngine(w, a, m, new SingleLayerCache()).evaluate(Schedule.uniform(tx, ty, h, v, new CutPolicy.After(cuts), 4, CompatFlags.FIXED))
                .orThrow();
    }

    static Mapping kOnly() {
        return MappingReader.read("m.yaml", new StringReader("- name: default\n  spatial_mapping:\n    D1: [\"K, 8\"]\n"), null, null).orThrow();
    }

    @Test
    void borderTilesReadOnlyRealPixels() {
        Workload w = WorkloadReader.read("same.yaml", new StringReader(SAME)).orThrow();
        Accelerator a = DepthFirstInvariantsTest.LIB.accelerator("meta-prototype-df");
        ScheduleResult r = run(w, a, kOnly(), 4, 4, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE);
        // columns [0,2) [2,6) [6,10), rows [0,4) [4,8)
        List<Long> l0cols = r.perKey().get("LayerNode_0").stream().map(t -> t.loopSizes().get("OX")).distinct().toList();
        assertThat(l0cols).containsExactlyInAnyOrder(3L, 6L, 5L); // first, middle, last column
        assertThat(r.perKey().get("LayerNode_0")).allSatisfy(t -> assertThat(t.loopSizes().get("OY")).isEqualTo(5L));
        TypeResult first = r.perKey().get("LayerNode_0").get(0);
        assertThat(first.loopSizes()).containsEntry("OX", 3L).containsEntry("OY", 5L);
        // the first tile fetches input columns [0,4) and rows [0,6): 4 · 6 pixels, 1 channel, 8 bits
        var si = r.perKey().get("datamovement_b4_InputLayerNode_-1").get(0).copies().actions().get(0);
        assertThat(si.action().bits()).isEqualTo(4L * 6 * 8);
        // a whole-map tile is the padded network itself: every layer computes its declared 10 × 8 map
        ScheduleResult whole = run(w, a, kOnly(), 10, 8, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE);
        assertThat(whole.macCount()).isEqualTo(w.macCount());
        assertThat(whole.perKey().get("datamovement_b4_InputLayerNode_-1").get(0).copies().actions().get(0).action().bits())
                .isEqualTo(10L * 8 * 8);
        // full caching computes every output exactly once, even with clipped borders
        assertThat(run(w, a, kOnly(), 4, 4, OverlapStrategy.CACHE, OverlapStrategy.CACHE).macCount()).isEqualTo(w.macCount());
        assertThat(run(w, a, kOnly(), 3, 3, OverlapStrategy.CACHE, OverlapStrategy.CACHE).macCount()).isEqualTo(w.macCount());
        assertThat(r.macCount()).isGreaterThan(w.macCount());
    }

    /** ZigZag's examples describe padded convolutions without 'padding' (as here); with it written in, the flow is exact. */
    @Test
    void zigzagStyleResNet18WithItsPaddingWrittenIn() {
        ZigZagStyleResNet18.Yaml zz = ZigZagStyleResNet18.build();
        String text = zz.text();
        Parsed<Workload> unpadded = WorkloadReader.read("resnet18.yaml", new StringReader(text));
        // "reads more than its producer writes": the 7 × 7 stem's consumer, the max pool and every 3 × 3 conv, along X and Y
        assertThat(unpadded.diagnostics()).hasSize(zz.readsPastTheMap()).allSatisfy(d -> assertThat(d.hint()).contains("padding"));
        Workload w = WorkloadReader.read("resnet18-padded.yaml", new StringReader(withPadding(text))).orThrow();
        assertThat(WorkloadReader.read("resnet18-padded.yaml", new StringReader(withPadding(text))).diagnostics()).isEmpty();
        assertThat(w.macCount()).isEqualTo(zz.macs());
        Accelerator a = AcceleratorReader.read(RepoPaths.root().resolve("hardware/meta-prototype.yaml")).orThrow();
        Mapping m = MappingReader.read("m.yaml", new StringReader(ZigZagStyleResNet18.META_PROTOTYPE_MAPPING), w, a).orThrow();
        // the body (layers 0–28, output 7 × 7) as one stack, then pooling and FC: 3 × 3 tiles really tile the body
        List<Integer> cuts = List.of(28);
        ScheduleResult whole = run(w, a, m, 7, 7, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE, cuts);
        ScheduleResult recompute = run(w, a, m, 3, 3, OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE, cuts);
        ScheduleResult cached = run(w, a, m, 3, 3, OverlapStrategy.CACHE, OverlapStrategy.CACHE, cuts);
        // every declared output computed once, also where a stride-2 layer's declared end padding is not reached (the
        // stem's 7 × 7 / 2 with pad 3 on 224 reads through row 223; a 3 × 3 / 2 with pad 1 on 56 reads row 55)
        assertThat(whole.macCount()).isEqualTo(w.macCount()).isEqualTo(zz.macs());
        assertThat(cached.macCount()).isEqualTo(whole.macCount());
        // per layer too: with full caching every output pixel is computed exactly once (branches and
        // residual adds included: a consumer with nothing new must not widen its producer's range)
        for (Layer l : w.layers()) {
            assertThat(pixels(cached, l)).as("layer %d", l.id()).isEqualTo(pixels(whole, l));
        }
        assertThat(recompute.macCount()).isGreaterThan(cached.macCount());
        assertThat(cached.energyPj()).isPositive();
    }

    private static long pixels(ScheduleResult r, Layer l) {
        return r.perKey().getOrDefault("LayerNode_" + l.id(), List.of()).stream()
                .mapToLong(t -> t.multiplicity() * t.loopSizes().getOrDefault("OX", 1L) * t.loopSizes().getOrDefault("OY", 1L))
                .sum();
    }

    /**
     * Adds pr_loop_dims / padding ((F−1)/2 per side: 1 for 3×3, 3 for the 7×7 stem) to the convolutions
     * and the 3×3 max pool; the final 7×7 global average pool has none.
     */
    static String withPadding(String text) {
        Pattern sizes = Pattern.compile("(?m)^(  loop_sizes: \\[[^\\]]*, (\\d+), (\\d+)\\])$");
        StringBuilder out = new StringBuilder();
        for (String block : text.split("(?m)(?=^- id:)")) {
            Matcher mt = sizes.matcher(block);
            boolean globalPool = block.contains("operator_type: Pooling") && block.contains(", 7, 7]");
            if (block.contains("dimension_relations") && !globalPool && mt.find()) {
                int f = Integer.parseInt(mt.group(3));
                int p = (f - 1) / 2;
                block = mt.replaceFirst("$1\n  pr_loop_dims: [IX, IY]\n  padding: [[" + p + ", " + p + "], [" + p + ", " + p + "]]");
            }
            out.append(block);
        }
        return out.toString();
    }

}
