package io.defines.core.testdomain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded small DAGs in ZigZag's YAML: convolutions (1×1 or 3×3, stride 1 or 2, dilation 1 or 2,
 * padded), ceil-mode poolings (the last window starts inside the map and reaches past its end),
 * residual blocks with identity or projection shortcuts joined by an Add, optionally listed with the
 * shortcut between the two convolutions of the main branch (as PyTorch exports interleave them), a
 * second head (a convolution on an earlier feature map: a network output that is not the last layer),
 * and a classifier tail without a feature map (global pooling, a fully connected layer over the
 * flattened map, a second one). The MACs are counted here from the generator's own sizes,
 * independently of the workload model.
 */
public final class GeneratedDags {

    /**
     * A generated network: its YAML, its layer count, its MACs counted while generating, the network
     * input's bits and every layer's tensor (in id order).
     */
    public record Dag(String yaml, int layers, long macs, long inputBits, List<Tensor> tensors) {
    }

    /** A layer's output: the layer, the layers it reads (−1: the network input) and its bits at 8 bits per element. */
    public record Tensor(int layer, List<Integer> reads, long bits) {
    }

    private final Random r;
    private final StringBuilder yaml = new StringBuilder();
    private final boolean interleave;
    private int next;
    private long macs;
    private long inputBits;
    private final List<Tensor> tensors = new ArrayList<>();

    private GeneratedDags(long seed) {
        this.r = new Random(seed);
        this.interleave = r.nextBoolean();
    }

    public static Dag generate(long seed) {
        return new GeneratedDags(seed).build();
    }

    /**
     * What a layer reads: a layer's output (id ≥ 0, or −1 for the network input), or a concatenation
     * (id −2) given by its operand_source text, e.g. {@code [3, 5]}; {@code reads} lists the producers.
     */
    private record Out(int id, long channels, long size, String source, List<Integer> reads) {
        Out(int id, long channels, long size) {
            this(id, channels, size, String.valueOf(id), List.of(id));
        }

        String sourceFor(int reader) {
            return id == -1 ? String.valueOf(reader) : source;
        }
    }

    private Dag build() {
        long c = new long[] {3, 4, 8}[r.nextInt(3)];
        long size = 8 + 2 * r.nextInt(5);
        inputBits = c * size * size * 8;
        Out x = conv(new Out(-1, c, size), 8, 3, 1, 1);
        int blocks = 1 + r.nextInt(3);
        Out branchFrom = null;
        for (int b = 0; b < blocks; b++) {
            int kind = r.nextInt(8);
            if (kind == 6) {
                x = fire(x);
            } else if (kind == 7 && x.id() >= 0 && x.channels() % 2 == 0) {
                x = groups(x);
            } else if (kind == 0) {
                x = conv(x, x.channels(), r.nextBoolean() ? 1 : 3, 1, 1 + r.nextInt(2));
            } else if (kind == 1 && x.size() >= 6) {
                x = ceilPool(x, 2 + r.nextInt(2));
            } else {
                x = residual(x, r.nextInt(3) == 0 && x.size() >= 8 ? 2 : 1, r.nextBoolean() ? x.channels() : 2 * x.channels());
            }
            if (b == 0 && blocks > 1 && r.nextBoolean()) {
                branchFrom = x;
            }
        }
        if (branchFrom != null) {
            conv(branchFrom, 4, r.nextBoolean() ? 1 : 3, 1, 1); // a second head: a network output before the last layer
        }
        if (r.nextInt(3) == 0) {
            classifier(x);
        }
        return new Dag(yaml.toString(), next, macs, inputBits, List.copyOf(tensors));
    }

    /** Global pooling, then two fully connected layers without a feature map (the first over the flattened 1 × 1 map). */
    private void classifier(Out in) {
        int gap = next++;
        yaml.append("- id: ").append(gap).append("\n  operator_type: Pooling\n")
                .append("  equation: O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]\n")
                .append("  dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]\n")
                .append("  loop_dims: [B, G, OY, OX, FX, FY]\n")
                .append("  loop_sizes: [1, ").append(in.channels()).append(", 1, 1, ").append(in.size()).append(", ").append(in.size())
                .append("]\n  operand_precision: {W: 0, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(gap).append(", I: ").append(in.sourceFor(gap)).append("}\n");
        macs += in.channels() * in.size() * in.size();
        tensors.add(new Tensor(gap, in.reads(), in.channels() * 8));
        int fc = next++;
        long k = 16;
        yaml.append("- id: ").append(fc).append("\n  operator_type: Gemm\n")
                .append("  equation: O[b][k]+=W[k][c][fy][fx]*I[b][c][fy][fx]\n")
                .append("  loop_dims: [B, K, C, FY, FX]\n")
                .append("  loop_sizes: [1, ").append(k).append(", ").append(in.channels()).append(", 1, 1]\n")
                .append("  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(fc).append(", I: ").append(gap).append("}\n");
        macs += k * in.channels();
        tensors.add(new Tensor(fc, List.of(gap), k * 8));
        int fc2 = next++;
        yaml.append("- id: ").append(fc2).append("\n  operator_type: Gemm\n")
                .append("  equation: O[b][k]+=W[k][c]*I[b][c]\n")
                .append("  loop_dims: [B, K, C]\n")
                .append("  loop_sizes: [1, 10, ").append(k).append("]\n")
                .append("  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(fc2).append(", I: ").append(fc).append("}\n");
        macs += 10 * k;
        tensors.add(new Tensor(fc2, List.of(fc), 10 * 8));
    }

    /** A max pooling with ceil mode, no padding: ⌈(size − f) / 2⌉ + 1 outputs, the last window cut by the map's end. */
    private Out ceilPool(Out in, int f) {
        int id = next++;
        long out = (in.size() - f + 1) / 2 + 1;
        long reachedEnd = (out - 1) * 2 + f - in.size();
        yaml.append("- id: ").append(id).append("\n  operator_type: Pooling\n")
                .append("  equation: O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]\n")
                .append("  dimension_relations: [ix=2*ox+1*fx, iy=2*oy+1*fy]\n")
                .append("  loop_dims: [B, G, OY, OX, FX, FY]\n")
                .append("  loop_sizes: [1, ").append(in.channels()).append(", ").append(out).append(", ").append(out).append(", ")
                .append(f).append(", ").append(f).append("]\n");
        if (reachedEnd > 0) {
            yaml.append("  pr_loop_dims: [IX, IY]\n  padding: [[0, ").append(reachedEnd).append("], [0, ").append(reachedEnd).append("]]\n");
        }
        yaml.append("  operand_precision: {W: 0, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(id).append(", I: ").append(in.sourceFor(id)).append("}\n");
        macs += out * out * in.channels() * f * f;
        tensors.add(new Tensor(id, in.reads(), in.channels() * out * out * 8));
        return new Out(id, in.channels(), out);
    }

    private Out residual(Out in, int stride, long k) {
        Out a = conv(in, k, 3, stride, 1);
        boolean projection = stride != 1 || k != in.channels();
        if (interleave && projection) {
            Out shortcut = conv(in, k, 1, stride, 1);
            Out b = conv(a, k, 3, 1, 1);
            return add(shortcut, b);
        }
        Out b = conv(a, k, 3, 1, 1);
        Out shortcut = projection ? conv(in, k, 1, stride, 1) : in;
        return add(shortcut, b);
    }

    /**
     * A convolution with "same" padding for stride 1 (output = ⌈size / stride⌉; dilation d spreads the
     * kernel over d·(f − 1) + 1 inputs), with the end padding the windows reach.
     */
    private Out conv(Out in, long k, int f, int stride, int dilation) {
        int id = next++;
        long out = (in.size() + stride - 1) / stride;
        long pad = (long) dilation * (f / 2);
        long reachedEnd = Math.max(0, (out - 1) * stride + (long) dilation * (f - 1) + 1 - pad - in.size());
        yaml.append("- id: ").append(id).append("\n  operator_type: Conv\n")
                .append("  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]\n")
                .append("  dimension_relations: [ix=").append(stride).append("*ox+").append(dilation).append("*fx, iy=").append(stride)
                .append("*oy+").append(dilation).append("*fy]\n")
                .append("  loop_dims: [B, K, C, OY, OX, FY, FX]\n")
                .append("  loop_sizes: [1, ").append(k).append(", ").append(in.channels()).append(", ").append(out).append(", ").append(out)
                .append(", ").append(f).append(", ").append(f).append("]\n");
        if (pad > 0 || reachedEnd > 0) {
            yaml.append("  pr_loop_dims: [IX, IY]\n  padding: [[").append(pad).append(", ").append(reachedEnd).append("], [")
                    .append(pad).append(", ").append(reachedEnd).append("]]\n");
        }
        yaml.append("  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(id).append(", I: ").append(in.sourceFor(id)).append("}\n");
        macs += out * out * k * in.channels() * f * f;
        tensors.add(new Tensor(id, in.reads(), k * out * out * 8));
        return new Out(id, k, out);
    }

    /** A fire module: a 1 × 1 squeeze, then a 1 × 1 and a 3 × 3 expand whose outputs the next layer reads concatenated. */
    private Out fire(Out in) {
        Out squeeze = conv(in, 4, 1, 1, 1);
        Out one = conv(squeeze, 4 + 4L * r.nextInt(2), 1, 1, 1);
        Out three = conv(squeeze, 8, 3, 1, 1);
        return new Out(-2, one.channels() + three.channels(), one.size(), "[" + one.id() + ", " + three.id() + "]",
                List.of(one.id(), three.id()));
    }

    /**
     * A grouped convolution in two groups: two layers, each reading its half of the input's channels
     * ({@code {layer: x, channels: [a, b]}}); the next layer reads both outputs concatenated.
     */
    private Out groups(Out in) {
        long half = in.channels() / 2;
        long k = half;
        int f = r.nextBoolean() ? 1 : 3;
        List<Integer> ids = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            Out part = new Out(-2, half, in.size(), "[{layer: " + in.id() + ", channels: [" + g * half + ", " + (g + 1) * half + "]}]",
                    List.of(in.id()));
            ids.add(conv(part, k, f, 1, 1).id());
        }
        // the generator's on-chip bound counts each group's input as the whole producer: the engine counts the
        // half it reads plus, while the other group still waits, the other half held
        return new Out(-2, 2 * k, in.size(), "[" + ids.get(0) + ", " + ids.get(1) + "]", ids);
    }

    private Out add(Out shortcut, Out main) {
        int id = next++;
        yaml.append("- id: ").append(id).append("\n  operator_type: Add\n")
                .append("  equation: O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]\n")
                .append("  loop_dims: [B, G, OY, OX]\n")
                .append("  loop_sizes: [1, ").append(main.channels()).append(", ").append(main.size()).append(", ").append(main.size())
                .append("]\n  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(shortcut.sourceFor(id)).append(", I: ").append(main.sourceFor(id)).append("}\n");
        macs += main.channels() * main.size() * main.size();
        List<Integer> reads = new ArrayList<>(shortcut.reads());
        reads.addAll(main.reads());
        tensors.add(new Tensor(id, reads, main.channels() * main.size() * main.size() * 8));
        return new Out(id, main.channels(), main.size());
    }

    /** Mapping for meta-prototype-df: convolutions K×C×OX×OY, adds G×OX×OY. */
    public static final String MAPPING = """
            - name: default
              spatial_mapping:
                D1: ["K, 8"]
                D2: ["C, 2"]
                D3: ["OX, 4"]
                D4: ["OY, 4"]
              memory_operand_links: {O: O, W: I2, I: I1}
            - name: Add
              spatial_mapping:
                D1: ["G, 8"]
                D3: ["OX, 4"]
                D4: ["OY, 4"]
              memory_operand_links: {O: O, W: I1, I: I1}
            - name: Pooling
              spatial_mapping:
                D1: ["G, 8"]
                D3: ["OX, 4"]
                D4: ["OY, 4"]
              memory_operand_links: {O: O, W: I2, I: I1}
            - name: Gemm
              spatial_mapping:
                D1: ["K, 8"]
                D2: ["C, 2"]
              memory_operand_links: {O: O, W: I2, I: I1}
            """;

}
