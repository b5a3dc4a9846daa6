package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.int64s;
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
public final class ZooNetworks {

    /**
     * A built network: its graph, its MACs and its layers' output elements counted while building
     * (−1 when not counted); a grouped convolution's groups write K/g channels each, K together.
     */
    public record Net(OnnxMl.GraphProto.Builder graph, long macs, long outputElements) {

        public Net(OnnxMl.GraphProto.Builder graph, long macs) {
            this(graph, macs, -1);
        }
    }

    private final OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder();
    private String upsampleMode = "nearest";
    private long macs;
    private long outputs;
    private int names;

    /** A tensor of the graph: its name, channels and map height × width. */
    private record T(String name, long channels, long size, long width) {
        T(String name, long channels, long size) {
            this(name, channels, size, size);
        }
    }

    private ZooNetworks() {
    }

    /** torchvision's ResNet-18 at {@code resolution} × {@code resolution}, 1000 classes. */
    public static Net resnet18(long resolution) {
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
    public static Net mobilenetV2(long resolution) {
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
    public static Net twoHeads(long resolution) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, resolution), 16, 3, 2, 1, 1, true);
        T mid = z.conv(x, 32, 3, 2, 1, 1, true);
        T deep = z.conv(mid, 64, 3, 2, 1, 1, true);
        deep = z.conv(deep, 64, 3, 1, 1, 1, true);
        T head1 = z.conv(mid, 18, 1, 1, 0, 1, false);
        T head2 = z.conv(deep, 36, 3, 1, 1, 1, false);
        z.g.addOutput(input(head1.name(), 1, head1.channels(), head1.size(), head1.size()));
        z.g.addOutput(input(head2.name(), 1, head2.channels(), head2.size(), head2.size()));
        return new Net(z.g, z.macs, z.outputs);
    }

    /**
     * AlexNet as in the ONNX model zoo's bvlc_alexnet at 224 × 224: conv1 11 × 11 / 4 (96), LRN, max
     * pool 3 / 2; conv2 5 × 5 pad 2 in 2 groups (256), LRN, pool; conv3 3 × 3 (384); conv4 and conv5
     * 3 × 3 in 2 groups (384, 256); pool 3 / 2 with one row and column of end padding (6 × 6); three
     * fully connected layers 9216 → 4096 → 4096 → 1000 with ReLU and dropout, a softmax.
     */
    public static Net alexnet() {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, 224), 96, 11, 4, 0, 1, true);
        x = z.pool("MaxPool", z.lrn(x), 3, 2, 0);
        x = z.conv(x, 256, 5, 1, 2, 2, true);
        x = z.pool("MaxPool", z.lrn(x), 3, 2, 0);
        x = z.conv(x, 384, 3, 1, 1, 1, true);
        x = z.conv(x, 384, 3, 1, 1, 2, true);
        x = z.conv(x, 256, 3, 1, 1, 2, true);
        x = z.poolEndPadded(x, 3, 2, 1);
        String f = z.name();
        z.g.addNode(node("Flatten", f, f, x.name()));
        T flat = new T(f, x.channels() * x.size() * x.size(), 1);
        T h = z.fullyConnected(z.dropout(z.fullyConnected(flat, 4096, true)), 4096, true);
        T logits = z.fullyConnected(z.dropout(h), 1000, false);
        String prob = z.name();
        z.g.addNode(node("Softmax", prob, prob, logits.name()));
        return new Net(z.g, z.macs, z.outputs);
    }

    /**
     * FSRCNN as Stream exports it at 960 × 540 with "same" padding: 5 × 5 feature extraction (56),
     * 1 × 1 shrinking (12), four 3 × 3 mapping layers (12), 1 × 1 expanding (56), 3 × 3 output (16).
     */
    public static Net fsrcnn() {
        ZooNetworks z = new ZooNetworks();
        z.g.addInput(input("x", 1, 1, 540, 960));
        T x = new T("x", 1, 540, 960);
        x = z.convWide(x, 56, 5, 2);
        x = z.convWide(x, 12, 1, 0);
        for (int i = 0; i < 4; i++) {
            x = z.convWide(x, 12, 3, 1);
        }
        x = z.convWide(x, 56, 1, 0);
        z.convWide(x, 16, 3, 1);
        return new Net(z.g, z.macs, z.outputs);
    }

    /** Two 3 × 3 convolutions 8 → 8 channels on a 56 × 56 map, padded ("same"). */
    public static Net twoConvolutions() {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(8, 56), 8, 3, 1, 1, 1, false);
        z.conv(x, 8, 3, 1, 1, 1, false);
        return new Net(z.g, z.macs, z.outputs);
    }

    /**
     * SqueezeNet 1.1 (torchvision's squeezenet1_1) at {@code resolution} × {@code resolution}: conv 3 × 3 / 2
     * (64), max pools 3 / 2, eight fire modules (a 1 × 1 squeeze, then 1 × 1 and 3 × 3 expands
     * concatenated along the channels), a 1 × 1 classifier convolution (1000) and global average pooling.
     */
    public static Net squeezenet11(long resolution) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, resolution), 64, 3, 2, 0, 1, true);
        x = z.pool("MaxPool", x, 3, 2, 0);
        x = z.fire(z.fire(x, 16, 64), 16, 64);
        x = z.pool("MaxPool", x, 3, 2, 0);
        x = z.fire(z.fire(x, 32, 128), 32, 128);
        x = z.pool("MaxPool", x, 3, 2, 0);
        x = z.fire(z.fire(x, 48, 192), 48, 192);
        x = z.fire(z.fire(x, 64, 256), 64, 256);
        x = z.conv(z.dropout(x), 1000, 1, 1, 0, 1, true);
        String p = z.name();
        z.g.addNode(node("GlobalAveragePool", p, p, x.name()));
        z.macs += x.channels() * x.size() * x.size();
        z.outputs += x.channels();
        return new Net(z.g, z.macs, z.outputs);
    }

    /**
     * GoogLeNet's inception modules 3a and 3b on a 192-channel map of {@code size} × {@code size}: four
     * branches (1 × 1; 1 × 1 → 3 × 3; 1 × 1 → 5 × 5; max pool 3 / 1 → 1 × 1) concatenated (256, then
     * 480 channels); 3b's four branches all read 3a's concatenation; then a max pool 3 / 2 over 3b's
     * and a classifier (global average pooling, Flatten, Gemm) reading the pooled concatenation.
     */
    public static Net inception(long size) {
        ZooNetworks z = new ZooNetworks();
        T x = z.networkInput(192, size);
        x = z.conv(x, 192, 1, 1, 0, 1, true); // so that the modules read a layer's output, as in GoogLeNet
        x = z.inceptionModule(x, 64, 96, 128, 16, 32, 32);
        x = z.inceptionModule(x, 128, 128, 192, 32, 96, 64);
        x = z.pool("MaxPool", x, 3, 2, 1);
        return z.classifier(x, 10);
    }

    /**
     * DenseNet's first dense block, three layers of growth 16 with a bottleneck of 64 (BN, ReLU, 1 × 1;
     * BN, ReLU, 3 × 3), each reading the concatenation of the stem and every earlier layer; then a
     * transition (BN, ReLU, 1 × 1 to half the channels, average pool 2 / 2) over the final concatenation.
     */
    public static Net denseBlock(long resolution) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, resolution), 32, 3, 2, 1, 1, true);
        for (int i = 0; i < 3; i++) {
            T h = z.conv(z.batchNorm(x), 64, 1, 1, 0, 1, true);
            h = z.conv(z.batchNorm(h), 16, 3, 1, 1, 1, false);
            x = z.concat(x, h);
        }
        T t = z.conv(z.batchNorm(x), x.channels() / 2, 1, 1, 0, 1, true);
        z.pool("AveragePool", t, 2, 2, 0);
        return new Net(z.g, z.macs, z.outputs);
    }

    /**
     * ShuffleNet v1 units (groups g) at {@code size} × {@code size} on a 24-channel stem: a stride-2 unit (grouped
     * 1 × 1 to a quarter of the output channels, channel shuffle, depthwise 3 × 3 / 2, grouped 1 × 1; concatenated
     * with a 3 × 3 / 2 average pool of its input) and a stride-1 unit (the same with stride 1, added to its input).
     */
    public static Net shufflenetV1Units(long size, int groups) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, size), 24, 3, 2, 1, 1, true);
        long out = 272; // stage 2 of ShuffleNet v1 with 4 groups; the bottleneck is a quarter of it
        T pool = z.pool("AveragePool", x, 3, 2, 1);
        T branch = z.shuffleBranch(x, out - x.channels(), out / 4, 1, groups, 2); // the first unit's first 1 × 1 is not grouped
        x = z.relu(z.concat(branch, pool));
        x = z.relu(z.add(x, z.shuffleBranch(x, out, out / 4, groups, groups, 1)));
        return new Net(z.g, z.macs, z.outputs);
    }

    /**
     * ShuffleNet v2 units at {@code size} × {@code size} on a 48-channel stem: the input split in two halves along
     * the channels (Split), one half through 1 × 1, depthwise 3 × 3, 1 × 1, concatenated with the other, and the
     * channels shuffled in two groups (Reshape, Transpose, Reshape); twice.
     */
    public static Net shufflenetV2Units(long size) {
        ZooNetworks z = new ZooNetworks();
        T x = z.conv(z.networkInput(3, size), 48, 3, 2, 1, 1, true);
        for (int unit = 0; unit < 2; unit++) {
            long half = x.channels() / 2;
            String a = z.name();
            String b = z.name();
            z.g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Split").setName(a + "split").addInput(x.name()).addOutput(a).addOutput(b)
                    .addAttribute(integer("axis", 1)).build());
            T keep = new T(a, half, x.size());
            T h = z.conv(new T(b, half, x.size()), half, 1, 1, 0, 1, true);
            h = z.conv(h, half, 3, 1, 1, half, false);
            h = z.conv(h, half, 1, 1, 0, 1, true);
            x = z.shuffle(z.concat(keep, h), 2);
        }
        return new Net(z.g, z.macs, z.outputs);
    }

    /** Grouped 1 × 1 to {@code mid} (in {@code firstGroups}), shuffle, depthwise 3 × 3 / stride, grouped 1 × 1 to {@code out}. */
    private T shuffleBranch(T in, long out, long mid, int firstGroups, int groups, int stride) {
        T h = conv(in, mid, 1, 1, 0, firstGroups, true);
        h = shuffle(h, groups);
        h = conv(h, mid, 3, stride, 1, mid, false);
        return conv(h, out, 1, 1, 0, groups, false);
    }

    /** The channel shuffle as exported: Reshape [1, g, C/g, H, W], Transpose (0, 2, 1, 3, 4), Reshape back. */
    private T shuffle(T in, int groups) {
        String s5 = name();
        String s4 = name();
        g.addInitializer(int64s(s5, 1, groups, in.channels() / groups, in.size(), in.width()))
                .addInitializer(int64s(s4, 1, in.channels(), in.size(), in.width()));
        String r = name();
        String t = name();
        String back = name();
        g.addNode(node("Reshape", r, r, in.name(), s5))
                .addNode(node("Transpose", t, t, r).toBuilder().addAttribute(ints("perm", 0, 2, 1, 3, 4)).build())
                .addNode(node("Reshape", back, back, t, s4));
        return new T(back, in.channels(), in.size(), in.width());
    }

    /**
     * A feature pyramid's top-down path at {@code size} × {@code size}: a backbone of three stride-2 3 × 3
     * convolutions (16, 32, 64 channels); the deepest map is reduced (1 × 1, 32), upsampled ×2 (nearest, as
     * PyTorch exports it: Resize with asymmetric coordinates and floor) and concatenated with the middle map
     * (YOLOX's PAFPN), then a 3 × 3 convolution; that result is upsampled ×2 again and added to a 1 × 1
     * lateral of the shallowest map (the FPN of RetinaNet), then a 3 × 3 head.
     */
    public static Net featurePyramid(long size) {
        return featurePyramid(size, "nearest");
    }

    /** The same with {@code mode} "linear" (half-pixel coordinates, PyTorch's bilinear with align_corners=False). */
    public static Net featurePyramid(long size, String mode) {
        ZooNetworks z = new ZooNetworks();
        z.upsampleMode = mode;
        T c1 = z.conv(z.networkInput(3, size), 16, 3, 2, 1, 1, true);
        T c2 = z.conv(c1, 32, 3, 2, 1, 1, true);
        T c3 = z.conv(c2, 64, 3, 2, 1, 1, true);
        T p3 = z.conv(c3, 32, 1, 1, 0, 1, true);
        T p2 = z.conv(z.concat(z.upsample(p3, 2), c2), 32, 3, 1, 1, 1, true);
        T lateral = z.conv(c1, 32, 1, 1, 0, 1, false);
        T p1 = z.add(z.upsample(p2, 2), lateral);
        z.conv(p1, 16, 3, 1, 1, 1, false);
        return new Net(z.g, z.macs, z.outputs);
    }

    /** A nearest-neighbour Resize by {@code s} (scales [1, 1, s, s]); no MACs. */
    private T upsample(T in, int s) {
        String scales = name();
        g.addInitializer(OnnxMl.TensorProto.newBuilder().setName(scales).setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).addDims(4)
                .addFloatData(1).addFloatData(1).addFloatData(s).addFloatData(s).build());
        String out = name();
        g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Resize").setName(out).addInput(in.name()).addInput("").addInput(scales).addOutput(out)
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("mode").setType(OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8(upsampleMode)))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("coordinate_transformation_mode").setType(OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8(upsampleMode.equals("linear") ? "half_pixel" : "asymmetric")))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("nearest_mode").setType(OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("floor"))).build());
        return new T(out, in.channels(), in.size() * s, in.width() * s);
    }

    private T fire(T in, long squeeze, long expand) {
        T s = conv(in, squeeze, 1, 1, 0, 1, true);
        return concat(conv(s, expand, 1, 1, 0, 1, true), conv(s, expand, 3, 1, 1, 1, true));
    }

    private T inceptionModule(T in, long b1, long r3, long b3, long r5, long b5, long pool) {
        T one = conv(in, b1, 1, 1, 0, 1, true);
        T three = conv(conv(in, r3, 1, 1, 0, 1, true), b3, 3, 1, 1, 1, true);
        T five = conv(conv(in, r5, 1, 1, 0, 1, true), b5, 5, 1, 2, 1, true);
        T proj = conv(pool("MaxPool", in, 3, 1, 1), pool, 1, 1, 0, 1, true);
        return concat(one, three, five, proj);
    }

    /** A Concat along the channels; no MACs. */
    private T concat(T... parts) {
        String out = name();
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType("Concat").setName(out).addOutput(out)
                .addAttribute(integer("axis", 1));
        long channels = 0;
        for (T p : parts) {
            n.addInput(p.name());
            channels += p.channels();
        }
        g.addNode(n.build());
        return new T(out, channels, parts[0].size(), parts[0].width());
    }

    /** A BatchNormalization (scale only): fused, no MACs. */
    private T batchNorm(T in) {
        String scale = name();
        g.addInitializer(weight(scale, in.channels()));
        String out = name();
        g.addNode(node("BatchNormalization", out, out, in.name(), scale));
        return new T(out, in.channels(), in.size(), in.width());
    }

    private T lrn(T in) {
        String out = name();
        g.addNode(node("LRN", out, out, in.name()).toBuilder().addAttribute(integer("size", 5)).build());
        return new T(out, in.channels(), in.size(), in.width());
    }

    private T dropout(T in) {
        String out = name();
        g.addNode(node("Dropout", out, out, in.name()));
        return new T(out, in.channels(), in.size(), in.width());
    }

    /** A Gemm {@code in.channels → k} (weights K × C, transB), with a ReLU. */
    private T fullyConnected(T in, long k, boolean relu) {
        String w = name();
        String b = name();
        g.addInitializer(weight(w, k, in.channels())).addInitializer(weight(b, k));
        String y = name();
        g.addNode(node("Gemm", y, y, in.name(), w, b).toBuilder().addAttribute(integer("transB", 1)).build());
        macs += k * in.channels();
        outputs += k;
        T t = new T(y, k, 1);
        return relu ? relu(t) : t;
    }

    /** A max pool with pads [0, 0, end, end]. */
    private T poolEndPadded(T in, int f, int stride, int end) {
        String out = name();
        long size = (in.size() + end - f) / stride + 1;
        g.addNode(node("MaxPool", out, out, in.name()).toBuilder().addAttribute(ints("kernel_shape", f, f))
                .addAttribute(ints("strides", stride, stride)).addAttribute(ints("pads", 0, 0, end, end)).build());
        macs += size * size * in.channels() * f * f;
        outputs += size * size * in.channels();
        return new T(out, in.channels(), size);
    }

    /** A stride-1 convolution with symmetric padding on a map of any aspect ratio. */
    private T convWide(T in, long k, int f, int pad) {
        String w = name();
        g.addInitializer(weight(w, k, in.channels(), f, f));
        String out = name();
        long h = in.size() + 2L * pad - f + 1;
        long wd = in.width() + 2L * pad - f + 1;
        g.addNode(node("Conv", out, out, in.name(), w).toBuilder().addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(ints("kernel_shape", f, f)).build());
        macs += h * wd * k * in.channels() * f * f;
        outputs += h * wd * k;
        return new T(out, k, h, wd);
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
        outputs += size * size * k;
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
        outputs += size * size * in.channels();
        return new T(out, in.channels(), size);
    }

    private T add(T a, T b) {
        String out = name();
        g.addNode(node("Add", out, out, a.name(), b.name()));
        macs += a.channels() * a.size() * a.width();
        outputs += a.channels() * a.size() * a.width();
        return new T(out, a.channels(), a.size(), a.width());
    }

    private Net classifier(T in, long classes) {
        String p = name();
        g.addNode(node("GlobalAveragePool", p, p, in.name()));
        macs += in.channels() * in.size() * in.size();
        outputs += in.channels();
        String f = name();
        g.addNode(node("Flatten", f, f, p));
        String w = name();
        String b = name();
        g.addInitializer(weight(w, classes, in.channels())).addInitializer(weight(b, classes));
        String y = name();
        g.addNode(node("Gemm", y, y, f, w, b).toBuilder().addAttribute(integer("transB", 1)).build());
        macs += classes * in.channels();
        outputs += classes;
        return new Net(g, macs, outputs);
    }
}
