package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;

import ai.onnx.proto.OnnxMl;

/**
 * Building blocks with element-wise operators, built node by node as PyTorch exports them, MACs
 * counted here from the architecture (independently of the importer): a convolution out² · K · C · k²,
 * a global pool C · H · W, an element-wise operation of activations one per output element (a Sum of
 * n inputs n − 1), a Sigmoid or an operation with a constant none.
 */
final class ElementwiseBlocks {

    private final OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder();
    private long macs;
    private int names;

    private ElementwiseBlocks() {
    }

    /**
     * A squeeze-excitation block (Hu et al.) on a C × size² map after a 3 × 3 stem: global pool →
     * 1 × 1 conv C → C/r → ReLU → 1 × 1 conv C/r → C → Sigmoid → Mul with the block input; then a
     * 3 × 3 convolution, so the scaled map is read by a tiled layer. {@code maxPool}: GlobalMaxPool.
     */
    static ZooNetworks.Net squeezeExcitation(long c, long size, long r, boolean maxPool) {
        return squeezeExcitation(c, size, r, maxPool, 3);
    }

    /** The same with stem and last convolution of kernel {@code f} (1: no padding anywhere). */
    static ZooNetworks.Net squeezeExcitation(long c, long size, long r, boolean maxPool, int f) {
        ElementwiseBlocks z = new ElementwiseBlocks();
        String x = z.conv(z.networkInput(3, size), 3, c, size, f);
        String p = z.name();
        z.g.addNode(node(maxPool ? "GlobalMaxPool" : "GlobalAveragePool", p, p, x));
        z.macs += c * size * size;
        String s = z.relu(z.conv(p, c, c / r, 1, 1));
        s = z.conv(s, c / r, c, 1, 1);
        String sig = z.name();
        z.g.addNode(node("Sigmoid", sig, sig, s));
        String y = z.name();
        z.g.addNode(node("Mul", y, y, x, sig));
        z.macs += c * size * size;
        z.conv(y, c, c, size, f);
        return new ZooNetworks.Net(z.g, z.macs);
    }

    /**
     * SiLU activations (x · sigmoid(x), YOLOX, EfficientNet): two 3 × 3 convolutions, each followed by
     * a batch norm exported as Mul and Add by per-channel [C, 1, 1] constants, then Sigmoid and Mul
     * with the convolution's output; a Div by a scalar Constant at the end.
     */
    static ZooNetworks.Net silu(long c, long size) {
        ElementwiseBlocks z = new ElementwiseBlocks();
        String x = z.networkInput(3, size);
        long cin = 3;
        for (int i = 0; i < 2; i++) {
            x = z.conv(x, cin, c, size, 3);
            x = z.binaryWithConstant("Mul", x, c);
            x = z.binaryWithConstant("Add", x, c);
            String sig = z.name();
            z.g.addNode(node("Sigmoid", sig, sig, x));
            String y = z.name();
            z.g.addNode(node("Mul", y, y, x, sig));
            z.macs += c * size * size;
            x = y;
            cin = c;
        }
        String two = z.name();
        z.g.addNode(node("Constant", two, two).toBuilder().addAttribute(OnnxMl.AttributeProto.newBuilder().setName("value")
                .setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(weight(two))).build());
        String out = z.name();
        z.g.addNode(node("Div", out, out, x, two));
        return new ZooNetworks.Net(z.g, z.macs);
    }

    /**
     * A residual stage with Sum (as the ONNX zoo's ResNet-50 exports its additions): a stem, two 3 × 3
     * convolutions added to the shortcut with a two-input Sum, then a three-input Sum of the stem, that
     * sum and a 1 × 1 convolution of it (two additions per element).
     */
    static ZooNetworks.Net residualSum(long c, long size) {
        ElementwiseBlocks z = new ElementwiseBlocks();
        String stem = z.conv(z.networkInput(3, size), 3, c, size, 3);
        String b = z.conv(z.relu(z.conv(stem, c, c, size, 3)), c, c, size, 3);
        String s1 = z.name();
        z.g.addNode(node("Sum", s1, s1, stem, b));
        z.macs += c * size * size;
        String s1r = z.relu(s1);
        String p = z.conv(s1r, c, c, size, 1);
        String s2 = z.name();
        z.g.addNode(node("Sum", s2, s2, stem, s1r, p));
        z.macs += 2 * c * size * size;
        z.conv(z.relu(s2), c, c, size, 3);
        return new ZooNetworks.Net(z.g, z.macs);
    }

    private String binaryWithConstant(String op, String x, long c) {
        String k = name();
        g.addInitializer(weight(k, c, 1, 1));
        String out = name();
        g.addNode(node(op, out, out, k, x));
        return out;
    }

    private String name() {
        return "t" + names++;
    }

    private String networkInput(long channels, long size) {
        g.addInput(input("x", 1, channels, size, size));
        return "x";
    }

    /** A stride-1 "same" convolution cin → k with a square kernel f on a size² map. */
    private String conv(String in, long cin, long k, long size, int f) {
        String w = name();
        g.addInitializer(weight(w, k, cin, f, f));
        String out = name();
        int pad = f / 2;
        g.addNode(node("Conv", out, out, in, w).toBuilder().addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(ints("kernel_shape", f, f)).build());
        macs += size * size * k * cin * f * f;
        return out;
    }

    private String relu(String in) {
        String out = name();
        g.addNode(node("Relu", out, out, in));
        return out;
    }
}
