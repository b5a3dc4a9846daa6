package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;

import ai.onnx.proto.OnnxMl;

/**
 * Well-known networks rebuilt node by node with the protobuf builders, as PyTorch exports them
 * (convolutions with their ReLU, residual Adds, global pooling, a classifier), at a chosen input
 * resolution. The MACs are counted here from the builder's own output sizes (ONNX's floor rule),
 * independently of the importer: a convolution out² · K · C/groups · k², a pooling out² · C · k², an
 * Add C · out², a Gemm K · C.
 */
final class ZooNetworks {

    /** A built network: its graph and its MACs counted while building. */
    record Net(OnnxMl.GraphProto.Builder graph, long macs) {
    }

    private final OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder();
    private long macs;
    private int names;

    /** A tensor of the graph: its name, channels and square map size. */
    private record T(String name, long channels, long size) {
    }

    private ZooNetworks() {
    }

    /** torchvision's ResNet-18 at {@code resolution} × {@code resolution}, 1000 classes. */
    static Net resnet18(long resolution) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, resolution), 64, 7, 2, 3, 1, true);
        x = z.pool("MaxPool", x, 3, 2, 1);
        long[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < 2; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                T a = z.conv(x, widths[stage], 3, stride, 1, 1, true);
                T c = z.conv(a, widths[stage], 3, 1, 1, 1, false);
                T shortcut = stride != 1 || x.channels() != widths[stage] ? z.conv(x, widths[stage], 1, stride, 0, 1, false) : x;
                x = z.relu(z.add(shortcut, c));
            }
        }
        return z.classifier(x, 1000);
    }

    /** torchvision's MobileNetV2 (width 1.0) at {@code resolution} × {@code resolution}, 1000 classes. */
    static Net mobilenetV2(long resolution) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, resolution), 32, 3, 2, 1, 1, true);
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++) {
                int stride = i == 0 ? s[3] : 1;
                T h = s[0] == 1 ? x : z.conv(x, x.channels() * s[0], 1, 1, 0, 1, true);
                h = z.conv(h, h.channels(), 3, stride, 1, h.channels(), true);
                T out = z.conv(h, s[1], 1, 1, 0, 1, false);
                x = stride == 1 && x.channels() == s[1] ? z.add(x, out) : out;
            }
        }
        x = z.conv(x, 1280, 1, 1, 0, 1, true);
        return z.classifier(x, 1000);
    }

    /**
     * A detector-like network with two heads at two scales: a trunk of stride-2 convolutions, a 1 × 1
     * head on the stride-4 map (a network output before the last layer) and a 3 × 3 head on the
     * stride-8 map.
     */
    static Net twoHeads(long resolution) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, resolution), 16, 3, 2, 1, 1, true);
        T mid = z.conv(x, 32, 3, 2, 1, 1, true);
        T deep = z.conv(mid, 64, 3, 2, 1, 1, true);
        deep = z.conv(deep, 64, 3, 1, 1, 1, true);
        T head1 = z.conv(mid, 18, 1, 1, 0, 1, false);
        T head2 = z.conv(deep, 36, 3, 1, 1, 1, false);
        z.g.addOutput(input(head1.name(), 1, head1.channels(), head1.size(), head1.size()));
        z.g.addOutput(input(head2.name(), 1, head2.channels(), head2.size(), head2.size()));
        return new Net(z.g, z.macs);
    }

    private String name() {
        return "t" + names++;
    }

    private T networkInput(long channels, long size) {
        g.addInput(input("x", 1, channels, size, size));
        return new T("x", channels, size);
    }

    private T conv(T in, long k, int f, int stride, int pad, long groups, boolean relu) {
        String w = name();
        g.addInitializer(weight(w, k, in.channels() / groups, f, f));
        String out = name();
        long size = (in.size() + 2L * pad - f) / stride + 1;
        g.addNode(node("Conv", out, out, in.name(), w).toBuilder().addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", pad, pad, pad, pad)).addAttribute(ints("kernel_shape", f, f))
                .addAttribute(integer("group", groups)).build());
        macs += size * size * k * (in.channels() / groups) * f * f;
        T t = new T(out, k, size);
        return relu ? relu(t) : t;
    }

    private T relu(T in) {
        String out = name();
        g.addNode(node("Relu", out, out, in.name()));
        return new T(out, in.channels(), in.size());
    }

    private T pool(String op, T in, int f, int stride, int pad) {
        String out = name();
        long size = (in.size() + 2L * pad - f) / stride + 1;
        g.addNode(node(op, out, out, in.name()).toBuilder().addAttribute(ints("kernel_shape", f, f))
                .addAttribute(ints("strides", stride, stride)).addAttribute(ints("pads", pad, pad, pad, pad)).build());
        macs += size * size * in.channels() * f * f;
        return new T(out, in.channels(), size);
    }

    private T add(T a, T b) {
        String out = name();
        g.addNode(node("Add", out, out, a.name(), b.name()));
        macs += a.channels() * a.size() * a.size();
        return new T(out, a.channels(), a.size());
    }

    private Net classifier(T in, long classes) {
        String p = name();
        g.addNode(node("GlobalAveragePool", p, p, in.name()));
        macs += in.channels() * in.size() * in.size();
        String f = name();
        g.addNode(node("Flatten", f, f, p));
        String w = name();
        String b = name();
        g.addInitializer(weight(w, classes, in.channels())).addInitializer(weight(b, classes));
        String y = name();
        g.addNode(node("Gemm", y, y, f, w, b).toBuilder().addAttribute(integer("transB", 1)).build());
        macs += classes * in.channels();
        return new Net(g, macs);
    }
}
