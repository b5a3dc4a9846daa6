package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.Parsed;
import io.defines.core.input.MappingReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer blocks Stream publishes, rebuilt: an attention head (Q, K, V projections with the
 * weights as graph inputs, Q·Kᵀ, softmax, A·V) and a SwiGLU feed-forward block (two projections, SiLU,
 * their element-wise product, the down projection). The tokens (rows) are a feature-map axis (OY), so a
 * stack tiles over them. MACs are counted here from the shapes; both evaluate in DeFiNES' three modes
 * with every layer once.
 */
class TransformerBlocksTest {

    @TempDir
    Path tmp;

    @Test
    void anAttentionHead() {
        long t = 128;
        long d = 512;
        long h = 64;
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("I", t, d))
                .addInput(input("wQ", d, h)).addInput(input("wK", d, h)).addInput(input("wV", d, h))
                .addNode(node("MatMul", "q", "Q", "I", "wQ")).addNode(node("MatMul", "k", "K", "I", "wK"))
                .addNode(node("MatMul", "v", "V", "I", "wV"))
                .addNode(node("Transpose", "kt", "Kt", "K").toBuilder().addAttribute(OnnxGraphs.ints("perm", 1, 0)).build())
                .addNode(node("MatMul", "scores", "S", "Q", "Kt")).addNode(node("Softmax", "softmax", "A", "S"))
                .addNode(node("MatMul", "mix", "Y", "A", "V"));
        Workload w = OnnxImporter.read(OnnxGraphs.write(tmp, "attention.onnx", g), OnnxOptions.DEFAULT).orThrow();
        long macs = 3 * t * d * h + t * t * h + t * h * t;
        assertThat(w.macCount()).isEqualTo(macs);
        // the projections' weights are weights (graph inputs fetched like constants); the products have none
        assertThat(w.weightBits()).isEqualTo(3 * d * h * 8);
        Layer scores = named(w, "scores");
        // K is read in the order its projection wrote it, [1, H, T, 1]: W[b][c][k][ox] with c = H, k = the T keys
        assertThat(scores.equation().text()).isEqualTo("O[b][k][oy][ox]+=I[b][c][oy][ox]*W[b][c][k][ox]");
        assertThat(scores.loopSizes()).containsEntry("OY", t).containsEntry("K", t).containsEntry("C", h).containsEntry("B", 1L);
        assertThat(scores.inputs()).extracting(in -> in.operand() + "←" + named(w, in.producerId()).name())
                .containsExactlyInAnyOrder("I←q", "W←k");
        Layer mix = named(w, "mix");
        assertThat(mix.equation().text()).isEqualTo("O[b][k][oy][ox]+=I[b][c][oy][ox]*W[b][k][c][ox]");
        assertThat(mix.inputs()).extracting(in -> in.operand() + "←" + named(w, in.producerId()).name())
                .containsExactlyInAnyOrder("I←scores", "W←v");
        assertThat(mix.tensorDims("W")).containsExactly(java.util.Map.entry("B", 1L), java.util.Map.entry("K", h), java.util.Map.entry("C", t),
                java.util.Map.entry("OX", 1L));
        evaluate(w, macs);
        // 8-token tiles, recomputing: every tile needs all keys and values, so K's and V's projections run once per tile
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        ScheduleResult recompute = new DepthFirstEngine(w, acc, m, new SingleLayerCache()).evaluate(Schedule.uniform(8, 8,
                OverlapPair.parse("fully-recompute").horizontal(), OverlapPair.parse("fully-recompute").vertical(), CutPolicy.FUSED, 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(recompute.macCount()).isEqualTo(t * d * h + (t / 8) * 2 * t * d * h + t * t * h + t * h * t);
    }

    @Test
    void aSwiGluBlock() {
        long t = 16;
        long d = 32;
        long f = 64;
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", t, d))
                .addInitializer(weight("w1", d, f)).addInitializer(weight("w2", d, f)).addInitializer(weight("w3", f, d))
                .addNode(node("Gemm", "left", "l", "x", "w1")).addNode(node("Gemm", "right", "r", "x", "w2"))
                .addNode(node("Silu", "silu", "ls", "l")).addNode(node("Mul", "gate", "m", "ls", "r"))
                .addNode(node("Gemm", "down", "y", "m", "w3"));
        Workload w = OnnxImporter.read(OnnxGraphs.write(tmp, "swiglu.onnx", g), OnnxOptions.DEFAULT).orThrow();
        long macs = 2 * t * d * f + t * f + t * f * d;
        assertThat(w.macCount()).isEqualTo(macs);
        Layer gate = named(w, "gate");
        assertThat(gate.equation().text()).isEqualTo("O[b][g][oy][ox]=W[b][g][oy][ox]*I[b][g][oy][ox]");
        assertThat(gate.loopSizes()).containsEntry("OY", t).containsEntry("G", f);
        assertThat(gate.inputs()).extracting(LayerInput::producerId).containsExactlyInAnyOrder(named(w, "left").id(), named(w, "right").id());
        List<ScheduleResult> fused = evaluate(w, macs);
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        long compulsory = 3 * d * f * 8 + t * d * 8 + t * d * 8; // weights, input, output once
        for (ScheduleResult r : fused) {
            assertThat(r.accessBitsPerMemory(acc).get("dram")).isEqualTo((double) compulsory);
        }
    }

    @Test
    void anEmbeddingLookupFeedsANormalisedProjection() {
        // token ids [T] → rows of a [V, D] table → LayerNormalization → MatMul D → F → Gelu: one layer, T·D·F MACs
        long t = 32;
        long d = 64;
        long f = 128;
        OnnxMl.ValueInfoProto ids = OnnxMl.ValueInfoProto.newBuilder().setName("ids").setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                        .setShape(OnnxMl.TensorShapeProto.newBuilder().addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(t))))).build();
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(ids)
                .addInitializer(weight("table", 1000, d)).addInitializer(weight("gamma", d)).addInitializer(weight("w", d, f))
                .addNode(node("Gather", "embed", "e", "table", "ids")).addNode(node("LayerNormalization", "norm", "n", "e", "gamma"))
                .addNode(node("MatMul", "up", "u", "n", "w")).addNode(node("Gelu", "gelu", "y", "u"));
        Parsed<Workload> p = OnnxImporter.read(OnnxGraphs.write(tmp, "embed.onnx", g), OnnxOptions.DEFAULT);
        assertThat(p.diagnostics()).isEmpty();
        Workload w = p.value();
        assertThat(w.layers()).singleElement().satisfies(l -> {
            assertThat(l.loopSizes()).containsEntry("OY", t).containsEntry("K", f).containsEntry("C", d);
            assertThat(l.inputs()).singleElement().satisfies(in -> assertThat(in.isNetworkInput()).isTrue());
        });
        assertThat(w.macCount()).isEqualTo(t * d * f);
        evaluate(w, t * d * f);
    }

    private static Layer named(Workload w, String name) {
        return w.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static Layer named(Workload w, int id) {
        return w.layer(id).orElseThrow();
    }

    /** Every mode × cut policy: every layer once, exact MACs fully cached (never fewer otherwise); returns the fused, fully cached results. */
    private static List<ScheduleResult> evaluate(Workload w, long macs) {
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> ids = w.layers().stream().map(Layer::id).sorted().toList();
        List<ScheduleResult> fused = new java.util.ArrayList<>();
        for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER)) {
            for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
                OverlapPair p = OverlapPair.parse(mode);
                ScheduleResult r = engine.evaluate(Schedule.uniform(8, 8, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED)).orThrow();
                assertThat(r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(mode + " " + cuts.text()).isEqualTo(ids);
                if (mode.equals("fully-cached")) {
                    assertThat(r.macCount()).as(mode + " " + cuts.text()).isEqualTo(macs);
                } else {
                    assertThat(r.macCount()).as(mode + " " + cuts.text()).isGreaterThanOrEqualTo(macs);
                }
                if (cuts == CutPolicy.FUSED && mode.equals("fully-cached")) {
                    fused.add(r);
                }
            }
        }
        return fused;
    }
}
