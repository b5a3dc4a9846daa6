package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Padding;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Window arithmetic as ONNX defines it, checked against hand-computed shapes: a layer reads exactly
 * its input map (end padding only as far as a window reaches), and ceil mode never keeps a window that
 * starts in the end padding.
 */
class OnnxWindowTest {

    @TempDir
    Path tmp;

    private Layer only(String file, OnnxMl.GraphProto.Builder g) {
        Workload w = OnnxImporter.read(write(tmp, file, g), OnnxOptions.DEFAULT).orThrow();
        assertThat(w.layers()).hasSize(1);
        return w.layers().get(0);
    }

    private Layer conv(long in, long k, long stride, long pad) {
        OnnxMl.NodeProto c = node("Conv", "c", "y", "x", "w").toBuilder()
                .addAttribute(ints("strides", stride, stride)).addAttribute(ints("pads", pad, pad, pad, pad)).build();
        return only("conv.onnx", OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, in, in))
                .addInitializer(weight("w", 8, 4, k, k)).addNode(c));
    }

    private Layer maxPool(long in, long k, long stride, long pad) {
        OnnxMl.NodeProto p = node("MaxPool", "p", "y", "x").toBuilder().addAttribute(ints("kernel_shape", k, k))
                .addAttribute(ints("strides", stride, stride)).addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(integer("ceil_mode", 1)).build();
        return only("pool.onnx", OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, in, in)).addNode(p));
    }

    @Test
    void aStrideTwoConvolutionReadsItsWholeEvenMap() {
        // 3×3, stride 2, pad 1 on 8×8: 4 outputs; the last window covers input rows 5..7, the end pad is never read
        Layer l = conv(8, 3, 2, 1);
        assertThat(l.loopSize("OX")).isEqualTo(4);
        assertThat(l.padding("IX")).isEqualTo(new Padding(1, 0));
        assertThat(l.padding("IY")).isEqualTo(new Padding(1, 0));
        assertThat(l.inputElements()).isEqualTo(4 * 8 * 8);
        assertThat(l.macCount()).isEqualTo(4L * 4 * 8 * 4 * 3 * 3);
    }

    @Test
    void resNetsFirstConvolutionReads224Squared() {
        // 7×7, stride 2, pad 3 on 224: 112 outputs, the last window ends at 111·2 + 7 − 3 = 226 = 224 + 2 pad rows
        Layer l = conv(224, 7, 2, 3);
        assertThat(l.loopSize("OY")).isEqualTo(112);
        assertThat(l.padding("IY")).isEqualTo(new Padding(3, 2));
        assertThat(l.inputElements()).isEqualTo(4 * 224 * 224);
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheEndPadding() {
        // 2×2, stride 2, pad 1 on 5: floor gives 3, ceil 4, but the 4th window would start at 6 = 5 + 1 (in the end pad)
        Layer l = maxPool(5, 2, 2, 1);
        assertThat(l.loopSize("OX")).isEqualTo(3);
        assertThat(l.padding("IX")).isEqualTo(new Padding(1, 0));
        assertThat(l.inputElements()).isEqualTo(4 * 5 * 5);
        // 3×3, stride 2, no pad on 6: ceil keeps a 3rd window starting at 4, which reads one row past the end
        Layer k = maxPool(6, 3, 2, 0);
        assertThat(k.loopSize("OX")).isEqualTo(3);
        assertThat(k.padding("IX")).isEqualTo(new Padding(0, 1));
        assertThat(k.inputElements()).isEqualTo(4 * 6 * 6);
    }
}
