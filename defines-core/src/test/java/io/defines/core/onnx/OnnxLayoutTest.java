package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.ints;
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
import io.defines.core.input.Diagnostic;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, layout and constants: weights as ConstantOfShape or Constant nodes and reshaped or
 * transposed constants; Transposes of activations (TFLite's NHWC↔NCHW pairs, a Transpose before a
 * Reshape/Gemm tail) fused, a real layout change before a Conv refused; Pad folded into the Conv or
 * pooling reading it; ConvTranspose refused with its reason. MACs are counted here from the
 * architectures, and every imported network evaluates in the three DeFiNES modes.
 */
class OnnxLayoutTest {

    private static final List<String> MODES = List.of("fully-recompute", "h-cached-v-recompute", "fully-cached");

    @TempDir
    Path tmp;

    /** An int64 initializer holding {@code values} (a shape, pads, axes). */
    static OnnxMl.TensorProto longs(String name, long... values) {
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length)
                .addAllInt64Data(Arrays.stream(values).boxed().toList()).build();
    }

    /** A ConstantOfShape node {@code out} of shape {@code dims} (the shape as an int64 initializer {@code out + "_shape"}). */
    static void constantOfShape(OnnxMl.GraphProto.Builder g, String out, long... dims) {
        g.addInitializer(longs(out + "_shape", dims));
        OnnxMl.AttributeProto value = OnnxMl.AttributeProto.newBuilder().setName("value").setType(OnnxMl.AttributeProto.AttributeType.TENSOR)
                .setT(OnnxMl.TensorProto.newBuilder().setDataType(1).addDims(1).addFloatData(0.5f)).build();
        g.addNode(node("ConstantOfShape", "", out, out + "_shape").toBuilder().addAttribute(value));
    }

    /** A Constant node {@code out} holding a float tensor of {@code dims} (no data: only dims matter). */
    static OnnxMl.NodeProto constantNode(String out, long... dims) {
        OnnxMl.AttributeProto value = OnnxMl.AttributeProto.newBuilder().setName("value").setType(OnnxMl.AttributeProto.AttributeType.TENSOR)
                .setT(weight("", dims)).build();
        return node("Constant", "", out).toBuilder().addAttribute(value).build();
    }

    private static OnnxMl.NodeProto transpose(String out, String in, long... perm) {
        return node("Transpose", out, out, in).toBuilder().addAttribute(ints("perm", perm)).build();
    }

    private static OnnxMl.NodeProto conv(String out, String x, String w, long stride, long pad, long f) {
        return OnnxGraphs.conv(out, out, x, w, stride, pad).toBuilder().addAttribute(ints("kernel_shape", f, f)).build();
    }

    /** conv 3→16 3×3 pad 1 on 32², relu, conv 16→32 3×3/2 pad 1, global pool, Gemm 32→10; weights from {@code weights}. */
    private static OnnxMl.GraphProto.Builder smallNet(boolean constantOfShape) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 32, 32));
        if (constantOfShape) {
            constantOfShape(g, "w1", 16, 3, 3, 3);
            constantOfShape(g, "w2", 32, 16, 3, 3);
            g.addNode(constantNode("fc", 10, 32));
        } else {
            g.addInitializer(weight("w1", 16, 3, 3, 3)).addInitializer(weight("w2", 32, 16, 3, 3)).addInitializer(weight("fc", 10, 32));
        }
        return g.addNode(conv("c1", "x", "w1", 1, 1, 3)).addNode(node("Relu", "r1", "r1", "c1"))
                .addNode(conv("c2", "r1", "w2", 2, 1, 3)).addNode(node("GlobalAveragePool", "p", "p", "c2"))
                .addNode(node("Flatten", "f", "f", "p")).addNode(node("Gemm", "y", "y", "f", "fc").toBuilder().addAttribute(integer("transB", 1)).build());
    }

    private static final long SMALL_NET_MACS = 32 * 32 * 16 * 3 * 9 + 16 * 16 * 32 * 16 * 9 + 32 * 16 * 16 + 32 * 10;

    private Parsed<Workload> importOf(String name, OnnxMl.GraphProto.Builder g) {
        return OnnxImporter.read(write(tmp, name + ".onnx", g), OnnxOptions.DEFAULT);
    }

    private static List<String> errors(Parsed<Workload> p) {
        return p.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
    }

    @Test
    void constantOfShapeAndConstantWeightsImportLikeInitializers() {
        Workload fromInitializers = importOf("initializers", smallNet(false)).orThrow();
        Workload fromConstants = importOf("constants", smallNet(true)).orThrow();
        assertThat(fromConstants.layers()).usingRecursiveComparison().isEqualTo(fromInitializers.layers());
        assertThat(fromConstants.macCount()).isEqualTo(SMALL_NET_MACS);
        evaluates(fromConstants, SMALL_NET_MACS, 4);
    }

    @Test
    void reshapedAndTransposedConstantsGiveTheWeightsDims() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 64))
                .addInitializer(weight("wt", 10, 64)).addNode(transpose("w1", "wt", 1, 0))            // stored transposed: [64, 10]
                .addNode(node("MatMul", "m1", "m1", "x", "w1"))                                       // 64 → 10
                .addInitializer(weight("flat", 200)).addInitializer(longs("shape", 10, 20))
                .addNode(node("Reshape", "w2", "w2", "flat", "shape")).addNode(node("MatMul", "m2", "m2", "m1", "w2")) // 10 → 20
                .addInitializer(weight("w3u", 1, 20, 5)).addNode(node("Squeeze", "w3", "w3", "w3u").toBuilder().addAttribute(ints("axes", 0)).build())
                .addNode(node("MatMul", "m3", "m3", "m2", "w3"))                                      // 20 → 5
                .addInitializer(weight("w4s", 5, 3)).addNode(node("Unsqueeze", "w4u", "w4u", "w4s").toBuilder().addAttribute(ints("axes", 0)).build())
                .addNode(node("Flatten", "w4", "w4", "w4u"))                                          // [1, 5, 3] → [1, 15]: not a weight of m4
                .addNode(node("Squeeze", "w4q", "w4q", "w4u").toBuilder().addAttribute(ints("axes", 0)).build())
                .addNode(node("MatMul", "m4", "m4", "m3", "w4q"));                                    // 5 → 3
        Workload w = importOf("reshaped-constants", g).orThrow();
        assertThat(w.layers()).extracting(l -> l.loopSize("C") + "->" + l.loopSize("K")).containsExactly("64->10", "10->20", "20->5", "5->3");
        long macs = 64 * 10 + 10 * 20 + 20 * 5 + 5 * 3;
        assertThat(w.macCount()).isEqualTo(macs);
    }

    /**
     * A TFLite-style block: an NHWC input transposed to NCHW, each layer between a Transpose to NHWC and
     * one back, and the NHWC pooled map reshaped for the classifier. Every Transpose is fused and the
     * classifier reads the pooled map in the producer's order (C = 32 channels of a 1×1 map).
     */
    @Test
    void tfliteTransposePairsAreFusedAtNoCost() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("nhwc", 1, 32, 32, 3))
                .addInitializer(weight("w1", 16, 3, 3, 3)).addInitializer(weight("w2", 32, 16, 3, 3))
                .addInitializer(weight("fc", 10, 32)).addInitializer(longs("flat", 1, -1))
                .addNode(transpose("t0", "nhwc", 0, 3, 1, 2))
                .addNode(conv("c1", "t0", "w1", 1, 1, 3)).addNode(node("Relu", "r1", "r1", "c1")).addNode(transpose("t1", "r1", 0, 2, 3, 1))
                .addNode(node("Clip", "k1", "k1", "t1")).addNode(transpose("t2", "k1", 0, 3, 1, 2))
                .addNode(conv("c2", "t2", "w2", 2, 1, 3)).addNode(node("Relu", "r2", "r2", "c2")).addNode(transpose("t3", "r2", 0, 2, 3, 1))
                .addNode(transpose("t4", "t3", 0, 3, 1, 2))
                .addNode(node("AveragePool", "p", "p", "t4").toBuilder().addAttribute(ints("kernel_shape", 16, 16)).addAttribute(ints("strides", 16, 16)).build())
                .addNode(transpose("t5", "p", 0, 2, 3, 1)).addNode(node("Reshape", "f", "f", "t5", "flat"))
                .addNode(node("Gemm", "y", "y", "f", "fc").toBuilder().addAttribute(integer("transB", 1)).build());
        OnnxImporter.Import im = OnnxImporter.importGraph(write(tmp, "tflite.onnx", g), OnnxOptions.DEFAULT);
        Workload w = im.workload().orThrow();
        assertThat(w.layers()).extracting(Layer::name).containsExactly("c1", "c2", "p", "y");
        assertThat(im.fused()).filteredOn(s -> s.startsWith("Transpose")).hasSize(6);
        Layer fc = w.layers().get(3);
        assertThat(List.of(fc.loopSize("C"), fc.loopSize("FX"), fc.loopSize("FY"), fc.loopSize("K"))).containsExactly(32L, 1L, 1L, 10L);
        assertThat(w.layers().get(0).loopSize("C")).isEqualTo(3);
        assertThat(w.layers().get(1).loopSize("OY")).isEqualTo(16);
        assertThat(w.macCount()).isEqualTo(SMALL_NET_MACS);
        evaluates(w, SMALL_NET_MACS, 4);
    }

    /** A residual Add in NHWC between the pairs: an Add layer over the producers' [C, H, W], its output undone by the next pair. */
    @Test
    void anAddBetweenTransposePairsIsInTheProducersOrder() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("nhwc", 1, 8, 8, 16))
                .addInitializer(weight("w1", 16, 16, 3, 3)).addInitializer(weight("w2", 16, 16, 3, 3)).addInitializer(weight("w3", 4, 16, 1, 1))
                .addNode(transpose("t0", "nhwc", 0, 3, 1, 2))
                .addNode(conv("c1", "t0", "w1", 1, 1, 3)).addNode(node("Relu", "r1", "r1", "c1")).addNode(transpose("a", "r1", 0, 2, 3, 1))
                .addNode(transpose("t2", "a", 0, 3, 1, 2)).addNode(conv("c2", "t2", "w2", 1, 1, 3)).addNode(transpose("b", "c2", 0, 2, 3, 1))
                .addNode(node("Add", "add", "s", "a", "b")).addNode(node("Relu", "r", "r", "s")).addNode(transpose("t3", "r", 0, 3, 1, 2))
                .addNode(conv("c3", "t3", "w3", 1, 0, 1));
        Workload w = importOf("nhwc-add", g).orThrow();
        assertThat(w.layers()).extracting(Layer::name).containsExactly("c1", "c2", "add", "c3");
        Layer add = w.layers().get(2);
        assertThat(List.of(add.loopSize("G"), add.loopSize("OY"), add.loopSize("OX"))).containsExactly(16L, 8L, 8L);
        assertThat(w.layers().get(3).inputs()).extracting(i -> i.producerId()).containsExactly(2);
        long macs = 2 * (8 * 8 * 16 * 16 * 9) + 16 * 8 * 8 + 8 * 8 * 4 * 16;
        assertThat(w.macCount()).isEqualTo(macs);
        evaluates(w, macs, 4);
    }

    /** A Transpose to NHWC before Flatten and Gemm: the Gemm reads the producer's map in its own order (weight permuted alike). */
    @Test
    void aTransposeBeforeTheClassifierKeepsTheMapsMacs() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8))
                .addInitializer(weight("w1", 16, 3, 3, 3)).addInitializer(weight("fc", 8 * 8 * 16, 10))
                .addNode(conv("c1", "x", "w1", 1, 1, 3)).addNode(transpose("t", "c1", 0, 2, 3, 1))
                .addNode(node("Flatten", "f", "f", "t")).addNode(node("Gemm", "y", "y", "f", "fc"));
        Workload w = importOf("nhwc-tail", g).orThrow();
        Layer fc = w.layers().get(1);
        assertThat(List.of(fc.loopSize("C"), fc.loopSize("FY"), fc.loopSize("FX"), fc.loopSize("K"))).containsExactly(16L, 8L, 8L, 10L);
        long macs = 8 * 8 * 16 * 3 * 9 + 8 * 8 * 16 * 10;
        assertThat(w.macCount()).isEqualTo(macs);
        evaluates(w, macs, 4);
    }

    /** To NHWC, merged to [1, H·W, C], transposed back to [1, C, H·W] and reshaped to NCHW: the producer's order again. */
    @Test
    void aTransposeUndoneAcrossReshapesIsFused() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8))
                .addInitializer(weight("w1", 16, 3, 3, 3)).addInitializer(weight("w2", 8, 16, 3, 3))
                .addInitializer(longs("s3", 1, 64, 16)).addInitializer(longs("s4", 1, 16, 8, 8))
                .addNode(conv("c1", "x", "w1", 1, 1, 3)).addNode(transpose("t1", "c1", 0, 2, 3, 1))
                .addNode(node("Reshape", "m", "m", "t1", "s3")).addNode(node("Relu", "r", "r", "m"))
                .addNode(transpose("t2", "r", 0, 2, 1)).addNode(node("Reshape", "b", "b", "t2", "s4"))
                .addNode(conv("c2", "b", "w2", 1, 1, 3));
        Workload w = importOf("undone", g).orThrow();
        assertThat(w.layers().get(1).inputs()).extracting(i -> i.producerId()).containsExactly(0);
        long macs = 8 * 8 * 16 * 3 * 9 + 8 * 8 * 8 * 16 * 9;
        assertThat(w.macCount()).isEqualTo(macs);
        evaluates(w, macs, 4);
    }

    @Test
    void aRealLayoutChangeBeforeAConvolutionIsRefused() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8))
                .addInitializer(weight("w1", 16, 3, 3, 3)).addInitializer(weight("w2", 8, 16, 3, 3))
                .addNode(conv("c1", "x", "w1", 1, 1, 3)).addNode(transpose("t", "c1", 0, 1, 3, 2)) // H and W swapped
                .addNode(conv("c2", "t", "w2", 1, 1, 3));
        Parsed<Workload> p = importOf("swap", g);
        assertThat(errors(p)).singleElement().asString().startsWith("Conv 'c2' (node 3): reads 't', which a Transpose reordered")
                .contains("a real layout change feeding this layer is not modelled");
        OnnxMl.GraphProto.Builder shuffle = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8))
                .addInitializer(weight("w1", 16, 3, 3, 3)).addInitializer(weight("w2", 8, 16, 3, 3))
                .addInitializer(longs("s5", 1, 4, 4, 8, 8)).addInitializer(longs("s4", 1, 16, 8, 8))
                .addNode(conv("c1", "x", "w1", 1, 1, 3)).addNode(node("Reshape", "g", "g", "c1", "s5"))
                .addNode(transpose("t", "g", 0, 1, 2, 4, 3)).addNode(node("Reshape", "b", "b", "t", "s4"))
                .addNode(conv("c2", "b", "w2", 1, 1, 3));
        assertThat(errors(importOf("hw-swap-5d", shuffle))).singleElement().asString().contains("which a Transpose reordered");
    }

    /** A Pad of H and W before a Conv or pooling is that layer's padding: the same layers as with the pads on the node. */
    @Test
    void padBeforeAConvolutionOrPoolingIsFoldedIntoItsPadding() {
        Workload padded = importOf("pad-conv", padNet(true)).orThrow();
        Workload plain = importOf("conv-pads", padNet(false)).orThrow();
        assertThat(padded.layers()).usingRecursiveComparison().isEqualTo(plain.layers());
        // conv: 20 + 1 + 2 (top) + 3 + 1 (bottom) pads → (27 − 3) / 1 + 1 = 25 rows; 20 + 1 + 1 (left) + 5 + 1 (right) → 26 columns
        Layer c = padded.layers().get(0);
        assertThat(List.of(c.loopSize("OY"), c.loopSize("OX"))).containsExactly(25L, 26L);
        // max pool 2×2/2 on 25 × 26 with a Pad of 1 at the bottom: 26 / 2 = 13 rows, 13 columns
        Layer p = padded.layers().get(1);
        assertThat(List.of(p.loopSize("OY"), p.loopSize("OX"))).containsExactly(13L, 13L);
        long macs = 25 * 26 * 8 * 3 * 9 + 13 * 13 * 8 * 4;
        assertThat(padded.macCount()).isEqualTo(macs);
        evaluates(padded, macs, 4);
    }

    /** Conv 3→8 3×3 pad 1 on 20², with (Pad) or without (node pads) a separate Pad of top 2, left 1, bottom 3, right 5; then a 2×2/2 max pool. */
    private static OnnxMl.GraphProto.Builder padNet(boolean separate) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 20, 20)).addInitializer(weight("w", 8, 3, 3, 3));
        OnnxMl.NodeProto.Builder c = node("Conv", "c", "c", separate ? "xp" : "x", "w").toBuilder().addAttribute(ints("kernel_shape", 3, 3));
        OnnxMl.NodeProto.Builder p = node("MaxPool", "p", "p", separate ? "cp" : "c").toBuilder()
                .addAttribute(ints("kernel_shape", 2, 2)).addAttribute(ints("strides", 2, 2));
        if (separate) {
            g.addInitializer(longs("pads", 0, 0, 2, 1, 0, 0, 3, 5)).addNode(node("Pad", "pad", "xp", "x", "pads"));
            g.addNode(c.addAttribute(ints("pads", 1, 1, 1, 1))); // opset 2 form: pads as an attribute
            g.addNode(node("Pad", "pad2", "cp", "c").toBuilder().addAttribute(ints("pads", 0, 0, 0, 0, 0, 0, 1, 0)));
            return g.addNode(p);
        }
        return g.addNode(c.addAttribute(ints("pads", 3, 2, 4, 6))).addNode(p.addAttribute(ints("pads", 0, 0, 1, 0)));
    }

    @Test
    void padElsewhereAndConvTransposeAreRefusedWithTheReason() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 20, 20)).addInitializer(weight("w", 8, 3, 3, 3))
                .addInitializer(longs("pads", 0, 0, 1, 1, 0, 0, 1, 1)).addNode(node("Pad", "pad", "xp", "x", "pads"))
                .addNode(node("Relu", "r", "r", "xp")).addNode(conv("c", "r", "w", 1, 0, 3));
        assertThat(errors(importOf("pad-relu", g))).first().asString().startsWith("Relu 'r' (node 2): reads the output of a Pad");
        OnnxMl.GraphProto.Builder reflect = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 20, 20)).addInitializer(weight("w", 8, 3, 3, 3))
                .addInitializer(longs("pads", 0, 0, 1, 1, 0, 0, 1, 1))
                .addNode(node("Pad", "pad", "xp", "x", "pads").toBuilder().addAttribute(OnnxMl.AttributeProto.newBuilder().setName("mode")
                        .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8("reflect"))))
                .addNode(conv("c", "xp", "w", 1, 0, 3));
        assertThat(errors(importOf("pad-reflect", reflect))).first().asString().contains("only constant padding with zeros is folded");
        OnnxMl.GraphProto.Builder deconv = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 8, 10, 10)).addInitializer(weight("w", 8, 3, 9, 9))
                .addNode(node("ConvTranspose", "up", "y", "x", "w").toBuilder().addAttribute(ints("strides", 3, 3)));
        Parsed<Workload> p = importOf("deconv", deconv);
        assertThat(errors(p)).singleElement().asString().startsWith("ConvTranspose 'up' (node 1): ConvTranspose is not modelled");
        assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.hint()).isNotBlank());
        // --skip-unsupported must not treat this upsampling (10² → 36², declared in value_info) as an identity
        Parsed<Workload> skipped = OnnxImporter.read(OnnxGraphs.write(tmp, "deconv-skip.onnx", deconv.addValueInfo(input("y", 1, 8, 36, 36))),
                new OnnxOptions(8, 8, 16, 8, true));
        assertThat(skipped.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("cannot be skipped"));
    }

    /** Every mode with every layer in one stack; fully cached computes exactly {@code macs}, recomputing never fewer. */
    private static void evaluates(Workload w, long macs, long tile) {
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        for (String mode : MODES) {
            OverlapPair p = OverlapPair.parse(mode);
            ScheduleOutcome o = engine.evaluate(Schedule.uniform(tile, tile, p.horizontal(), p.vertical(), CutPolicy.AUTO, 4, CompatFlags.FIXED));
            assertThat(o).as(mode + (o instanceof ScheduleOutcome.Problem pr ? ": " + pr.message() : "")).isInstanceOf(ScheduleOutcome.Feasible.class);
            ScheduleResult r = o.orThrow();
            assertThat(r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(mode).isEqualTo(layers);
            if (mode.equals("fully-cached")) {
                assertThat(r.macCount()).as(mode).isEqualTo(macs);
            } else {
                assertThat(r.macCount()).as(mode).isGreaterThanOrEqualTo(macs);
            }
        }
    }
}
