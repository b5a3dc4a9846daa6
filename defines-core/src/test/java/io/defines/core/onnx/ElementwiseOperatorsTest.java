package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Add, Sub, Mul, Div and Sum of activations and constants, GlobalMaxPool and Exp (issue 16): building
 * blocks built with the protobuf builders (MACs counted from the architecture in
 * {@link ElementwiseBlocks}) import with exactly those MACs and evaluate in DeFiNES' three modes with
 * every layer in one stack, fully cached computing exactly the network's MACs.
 */
class ElementwiseOperatorsTest {

    private static final List<String> MODES = List.of("fully-recompute", "h-cached-v-recompute", "fully-cached");

    @TempDir
    Path tmp;

    @Test
    void squeezeExcitationScalesTheMapByAWholeTensorOperand() {
        // C = 32, 16 × 16, reduction 4: stem 16²·32·3·9, pool and Mul 32·16² each, 1 × 1 convs 32·8 twice, 3 × 3 conv 16²·32·32·9
        long expected = 16 * 16 * 32 * 3 * 9 + 2 * 32 * 16 * 16 + 2 * 32 * 8 + 16 * 16 * 32 * 32 * 9;
        ZooNetworks.Net net = ElementwiseBlocks.squeezeExcitation(32, 16, 4, false);
        assertThat(net.macs()).isEqualTo(expected);
        Workload w = evaluate("se", net);
        Layer mul = w.layers().stream().filter(l -> l.operatorType().equals("Mul")).findFirst().orElseThrow();
        assertThat(mul.equation().text()).isEqualTo("O[b][g][oy][ox]=W[b][g][sy][sx]*I[b][g][oy][ox]");
        assertThat(mul.macCount()).isEqualTo(32 * 16 * 16);
        assertThat(mul.producers()).containsExactlyInAnyOrder(0, 3); // the stem's map, the second 1 × 1 conv's scale
        Workload max = evaluate("se-max", ElementwiseBlocks.squeezeExcitation(32, 16, 4, true));
        assertThat(max.layers().get(1).operatorType()).isEqualTo("Pooling");
        assertThat(max.layers().get(1).macCount()).isEqualTo(32 * 16 * 16);
        // no padding anywhere: the stack is still placed by position, so cached tiles keep the scale (not recomputed per tile)
        evaluate("se-unpadded", ElementwiseBlocks.squeezeExcitation(32, 16, 4, false, 1));
    }

    @Test
    void siluIsAMulLayerAndConstantScalesAreFused() {
        long expected = 20 * 20 * 16 * 3 * 9 + 20 * 20 * 16 * 16 * 9 + 2 * 16 * 20 * 20;
        ZooNetworks.Net net = ElementwiseBlocks.silu(16, 20);
        assertThat(net.macs()).isEqualTo(expected);
        Workload w = evaluate("silu", net);
        assertThat(w.layers()).extracting(Layer::operatorType).containsExactly("Conv", "Mul", "Conv", "Mul");
        assertThat(w.layers().get(1).equation().text()).isEqualTo("O[b][g][oy][ox]=W[b][g][oy][ox]*I[b][g][oy][ox]");
        OnnxMl.GraphProto.Builder g = net.graph();
        OnnxImporter.Import imp = OnnxImporter.importGraph(write(tmp, "silu2.onnx", g), OnnxOptions.DEFAULT);
        assertThat(imp.fused()).filteredOn(f -> f.startsWith("Mul") || f.startsWith("Add") || f.startsWith("Div")).hasSize(5);
    }

    @Test
    void sumOfNActivationsIsNMinusOneAdditions() {
        long expected = 12 * 12 * 24 * 3 * 9 + 3 * (12 * 12 * 24 * 24 * 9) + 12 * 12 * 24 * 24 + 3 * 24 * 12 * 12;
        ZooNetworks.Net net = ElementwiseBlocks.residualSum(24, 12);
        assertThat(net.macs()).isEqualTo(expected);
        Workload w = evaluate("residual-sum", net);
        assertThat(w.layers()).filteredOn(l -> l.operatorType().equals("Add")).extracting(Layer::macCount)
                .containsExactly(24L * 144, 24L * 144, 24L * 144);
        assertThat(w.layers()).extracting(Layer::name).contains("t7", "t11/1", "t11");
    }

    @Test
    void subIsAnAddLayerAScaleFirstIsReadWholeAndPostProcessingOnOtherRanksIsFused() {
        // x [1, 8, 6, 6] → conv a, conv b (8 → 8, 1 × 1); Sub(a, b); Add(scale [1, 8, 1, 1], a) with the scale first; Div of two [1, 288] views
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 8, 6, 6)).addInput(input("s", 1, 8, 1, 1))
                .addInitializer(weight("wa", 8, 8, 1, 1)).addInitializer(weight("wb", 8, 8, 1, 1))
                .addNode(node("Conv", "a", "ya", "x", "wa")).addNode(node("Conv", "b", "yb", "x", "wb"))
                .addNode(node("Sub", "sub", "d", "ya", "yb")).addNode(node("Add", "scale", "e", "s", "ya"))
                .addNode(node("Flatten", "f1", "fd", "d")).addNode(node("Flatten", "f2", "fe", "e")).addNode(node("Div", "post", "z", "fd", "fe"));
        OnnxImporter.Import imp = OnnxImporter.importGraph(write(tmp, "sub.onnx", g), OnnxOptions.DEFAULT);
        Workload w = imp.workload().orThrow();
        assertThat(w.layers()).extracting(Layer::operatorType).containsExactly("Conv", "Conv", "Add", "Add");
        assertThat(w.layers().get(2).equation().text()).isEqualTo("O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]");
        assertThat(w.layers().get(2).macCount()).isEqualTo(8 * 6 * 6);
        // the graph input s is the whole-tensor operand W (an outside W is a constant); the map is I, from conv a
        assertThat(w.layers().get(3).equation().text()).isEqualTo("O[b][g][oy][ox]=W[b][g][sy][sx]+I[b][g][oy][ox]");
        assertThat(w.layers().get(3).producers()).containsExactly(0);
        assertThat(w.macCount()).isEqualTo(2 * 8 * 8 * 36 + 2 * 8 * 36);
        assertThat(imp.fused()).contains("Div 'post' (node 7)");
    }

    @Test
    void otherBroadcastsAndEnlargingConstantsAreRefusedAtTheNode() {
        OnnxMl.GraphProto.Builder spatial = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 8, 6, 6)).addInput(input("m", 1, 1, 6, 6))
                .addNode(node("Mul", "attention", "y", "x", "m"));
        assertThat(errors("spatial", spatial)).singleElement().asString()
                .contains("spatial.onnx:1:1: /graph/node/0: Mul 'attention' (node 1): activation inputs of shapes [1, 8, 6, 6] and [1, 1, 6, 6]")
                .contains("Maybe");
        OnnxMl.GraphProto.Builder enlarge = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 8, 1, 1)).addInitializer(weight("b", 1, 8, 6, 6))
                .addNode(node("Add", "bias", "y", "x", "b"));
        assertThat(errors("enlarge", enlarge)).singleElement().asString().contains("a constant input enlarges the activation [1, 8, 1, 1] to [1, 8, 6, 6]");
    }

    private List<String> errors(String name, OnnxMl.GraphProto.Builder g) {
        return OnnxImporter.read(write(tmp, name + ".onnx", g), OnnxOptions.DEFAULT).errors().stream().map(Object::toString).toList();
    }

    /** Imports {@code net}, checks its MACs, evaluates every mode with auto cuts and layer by layer; returns the workload. */
    private Workload evaluate(String name, ZooNetworks.Net net) {
        Workload w = OnnxImporter.read(write(tmp, name + ".onnx", net.graph()), OnnxOptions.DEFAULT).orThrow();
        assertThat(w.macCount()).as(name).isEqualTo(net.macs());
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER)) {
            for (String mode : MODES) {
                OverlapPair p = OverlapPair.parse(mode);
                ScheduleOutcome o = engine.evaluate(Schedule.uniform(4, 4, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED));
                String what = name + " " + mode + " " + cuts.text();
                assertThat(o).as(what + (o instanceof ScheduleOutcome.Problem pr ? ": " + pr.message() : "")).isInstanceOf(ScheduleOutcome.Feasible.class);
                ScheduleResult r = o.orThrow();
                assertThat(r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(what).isEqualTo(layers);
                if (mode.equals("fully-cached")) {
                    assertThat(r.macCount()).as(what).isEqualTo(net.macs());
                } else {
                    assertThat(r.macCount()).as(what).isGreaterThanOrEqualTo(net.macs());
                }
            }
        }
        return w;
    }
}
