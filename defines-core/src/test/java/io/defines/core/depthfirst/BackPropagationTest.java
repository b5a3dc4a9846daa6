package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed back-propagation cases: strides, dilation, and the remainder-first tile grid. */
class BackPropagationTest {

    /** conv A: 3×3 dilation 2 (ix = 1·ox + 2·fx), conv B: 3×3 stride 2 (ix = 2·ox + 1·fx). */
    static final String CHAIN = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+2*fx, iy=1*oy+2*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 3, 40, 40, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=2*ox+1*fx, iy=2*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 19, 19, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
            """;

    static DepthFirstEngine engine() {
        Workload w = WorkloadReader.read("chain.yaml", new StringReader(CHAIN)).orThrow();
        Mapping m = MappingReader.read("m.yaml", new StringReader("- name: default\n  spatial_mapping:\n    D1: [\"K, 8\"]\n"), null, null)
                .orThrow();
        return new DepthFirstEngine(w, DepthFirstInvariantsTest.LIB.accelerator("meta-prototype-df"), m, new SingleLayerCache());
    }

    @Test
    void stridesAndDilationSizeEveryProducerByHand() {
        // output tile 5 × 4 of layer 1 (stride 2, 3×3): input extent 2·(5−1)+3 = 11 columns, 2·(4−1)+3 = 9 rows;
        // layer 0 (dilation 2, 3×3) computes those, reading (11−1)+2·(3−1)+1 = 15 by (9−1)+4+1 = 13 input pixels
        ScheduleResult r = engine().evaluate(Schedule.cachingOrRecompute(5, 4, false, false, CutPolicy.FUSED, 4, CompatFlags.FIXED)).orThrow();
        Map<String, Long> l1 = r.perKey().get("LayerNode_1").get(0).loopSizes();
        Map<String, Long> l0 = r.perKey().get("LayerNode_0").get(0).loopSizes();
        assertThat(l1).containsEntry("OX", 4L).containsEntry("OY", 3L); // 19 = 4 + 5·3: remainder tile first (4 × 3)
        assertThat(l0).containsEntry("OX", 9L).containsEntry("OY", 7L); // 2·(4−1)+3, 2·(3−1)+3
        Map<String, Long> full = r.perKey().get("LayerNode_0").get(1).loopSizes();
        assertThat(full).containsEntry("OX", 11L).containsEntry("OY", 7L);
        // the network input of the first tile: 9 + 2·2 = 13 columns, 7 + 4 = 11 rows, 3 channels, 8 bits
        var si = r.perKey().get("datamovement_b4_InputLayerNode_-1").get(0).copies().actions().get(0);
        assertThat(si.action().bits()).isEqualTo(13L * 11 * 3 * 8);
    }

    @Test
    void cachingShrinksProducersToTheNewColumns() {
        // H caching: the second tile of layer 1 (5 columns) needs 11 input columns, 1 of which (11 − 5·2) is the
        // overlap held in the cache, so layer 0 computes 10 new columns; its own input overlap is 4 (dilated halo)
        ScheduleResult r = engine().evaluate(Schedule.cachingOrRecompute(5, 4, true, false, CutPolicy.FUSED, 4, CompatFlags.FIXED)).orThrow();
        List<TypeResult> l0 = r.perKey().get("LayerNode_0");
        assertThat(l0).anySatisfy(t -> assertThat(t.loopSizes()).containsEntry("OX", 10L));
        // every output column of layer 0 computed once per tile row: Σ over tile types of OX × multiplicity per row
        long perRow = l0.stream().filter(t -> t.loopSizes().get("OY") == 7L).mapToLong(t -> t.loopSizes().get("OX") * t.multiplicity()).sum();
        assertThat(perRow).isEqualTo(39); // layer 0's full width (2·18+3), with no recomputed column
    }

    @Test
    void gridPutsTheRemainderTileFirst() {
        assertThat(TileGrid.axis(19, 5)).extracting(a -> a[0] + ":" + a[1]).containsExactly("0:4", "4:5", "9:5", "14:5");
        assertThat(TileGrid.axis(20, 5)).extracting(a -> a[0] + ":" + a[1]).containsExactly("0:5", "5:5", "10:5", "15:5");
        assertThat(TileGrid.axis(7, 100)).extracting(a -> a[0] + ":" + a[1]).containsExactly("0:7");
    }
}
