package io.defines.core.testdomain;

/**
 * ResNet-18 at 224 × 224 written the way ZigZag's example workloads are (its YAML notation, written
 * here from the published architecture): convolutions declared at their "same" output size but
 * without `padding`, so every window that reaches past the map makes the reader warn; 1 × 1 stride-2
 * projection shortcuts; residual adds in ZigZag's two-input notation; the classifier as a 1 × 1
 * convolution. Ids: 0 stem, 1 max pool, 2–28 the four stages, 29 global pooling, 30 classifier.
 * The MACs and the count of reads past the producer's map are counted while writing.
 */
public final class ZigZagStyleResNet18 {

    /** The YAML, its MACs, and how many (layer, axis) pairs read more than their producer writes. */
    public record Yaml(String text, long macs, int readsPastTheMap) {
    }

    private final StringBuilder yaml = new StringBuilder("# ResNet-18, ZigZag's workload notation, no padding written\n");
    private int next;
    private long macs;
    private int past;

    private record Out(int id, long channels, long size) {
    }

    private ZigZagStyleResNet18() {
    }

    public static Yaml build() {
        ZigZagStyleResNet18 z = new ZigZagStyleResNet18();
        Out x = z.conv(new Out(-1, 3, 224), 64, 7, 2);
        x = z.pool(x, 3, 2, (x.size() + 1) / 2, "Pooling");
        long[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < 2; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                Out a = z.conv(x, widths[stage], 3, stride);
                Out c = z.conv(a, widths[stage], 3, 1);
                Out shortcut = stride != 1 ? z.conv(x, widths[stage], 1, stride) : x;
                x = z.add(shortcut, c);
            }
        }
        Out p = z.pool(x, (int) x.size(), 1, 1, "Pooling");
        z.conv(p, 1000, 1, 1);
        return new Yaml(z.yaml.toString(), z.macs, z.past);
    }

    /** A convolution at the "same" output size ⌈in / stride⌉, declared without padding. */
    private Out conv(Out in, long k, int f, int stride) {
        int id = next++;
        long out = (in.size() + stride - 1) / stride;
        if ((out - 1) * stride + f > in.size() && in.id() >= 0) {
            past += 2;
        }
        yaml.append("- id: ").append(id).append("\n  name: conv").append(id).append("\n  operator_type: Conv\n")
                .append("  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]\n")
                .append("  dimension_relations: [ix=").append(stride).append("*ox+1*fx, iy=").append(stride).append("*oy+1*fy]\n")
                .append("  loop_dims: [B, K, C, OY, OX, FY, FX]\n")
                .append("  loop_sizes: [1, ").append(k).append(", ").append(in.channels()).append(", ").append(out).append(", ").append(out)
                .append(", ").append(f).append(", ").append(f).append("]\n")
                .append("  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(id).append(", I: ").append(in.id() < 0 ? id : in.id()).append("}\n");
        macs += out * out * k * in.channels() * f * f;
        return new Out(id, k, out);
    }

    private Out pool(Out in, int f, int stride, long out, String type) {
        int id = next++;
        if ((out - 1) * stride + f > in.size()) {
            past += 2;
        }
        yaml.append("- id: ").append(id).append("\n  name: pool").append(id).append("\n  operator_type: ").append(type).append("\n")
                .append("  equation: O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]\n")
                .append("  dimension_relations: [ix=").append(stride).append("*ox+1*fx, iy=").append(stride).append("*oy+1*fy]\n")
                .append("  loop_dims: [B, G, OY, OX, FX, FY]\n")
                .append("  loop_sizes: [1, ").append(in.channels()).append(", ").append(out).append(", ").append(out).append(", ")
                .append(f).append(", ").append(f).append("]\n")
                .append("  operand_precision: {W: 0, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(id).append(", I: ").append(in.id()).append("}\n");
        macs += out * out * in.channels() * f * f;
        return new Out(id, in.channels(), out);
    }

    private Out add(Out shortcut, Out main) {
        int id = next++;
        yaml.append("- id: ").append(id).append("\n  name: add").append(id).append("\n  operator_type: Add\n")
                .append("  equation: O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]\n")
                .append("  loop_dims: [B, G, OY, OX]\n")
                .append("  loop_sizes: [1, ").append(main.channels()).append(", ").append(main.size()).append(", ").append(main.size())
                .append("]\n  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                .append("  operand_source: {W: ").append(shortcut.id()).append(", I: ").append(main.id()).append("}\n");
        macs += main.channels() * main.size() * main.size();
        return new Out(id, main.channels(), main.size());
    }

    /** A single GEMM in ZigZag's notation (dims D0, D1, D2; no batch or spatial dims): 128³ MACs. */
    public static final String GEMM = """
            - id: 0
              operator_type: Gemm
              equation: O[d0][d1]+=I[d0][d2]*W[d2][d1]
              dimension_relations: []
              loop_dims: [D0, D1, D2]
              loop_sizes: [128, 128, 128]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {I: 0, W: 0}
            """;

    /** The ZigZag-style mapping for meta-prototype: K, C, OX, OY unrolled; adds over G with their second input on I2. */
    public static final String META_PROTOTYPE_MAPPING = """
            - name: default
              spatial_mapping:
                D1:
                  - K, 32
                D2:
                  - C, 2
                D3:
                  - OX, 4
                D4:
                  - OY, 4
              memory_operand_links: {O: O, W: I2, I: I1}
            - name: Add
              spatial_mapping:
                D1:
                  - G, 32
              memory_operand_links: {O: O, W: I2, I: I1}
            """;
}
