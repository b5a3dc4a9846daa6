package io.defines.core.testdomain;

import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.SpatialUnroll;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of small test domains, shared by the property tests: chains of 1–4 convolutions
 * with random kernels 1/3/5, strides 1/2, channels and sizes, and spatial mappings for them.
 */
public final class GeneratedNetworks {

    private GeneratedNetworks() {
    }

    /** The library's depth-first accelerators, in the order {@link #onLibrary} picks them by seed. */
    public static final List<String> LIBRARY_ACCELERATORS =
            List.of("meta-prototype-df", "edge-tpu-like-df", "tpu-like-df", "tesla-npu-like-df", "ascend-like-df");

    /** A generated network on a library accelerator, with a mapping like the library's FSRCNN default entry. */
    public record OnLibrary(Workload workload, String acceleratorName, Accelerator accelerator, Mapping mapping) {
    }

    /**
     * The network drawn from {@code r}, on the library accelerator chosen by {@code seed}, with a mapping
     * like that accelerator family's FSRCNN default entry drawn from {@code r} ({@link #mappingLike}).
     */
    public static OnLibrary onLibrary(long seed, Random r, GoldenRuns lib) {
        Workload w = generate(r);
        String name = LIBRARY_ACCELERATORS.get((int) (seed % LIBRARY_ACCELERATORS.size()));
        Accelerator acc = lib.accelerator(name);
        Mapping mapping = mappingLike(lib.mapping(name.replace("-df", ""), "fsrcnn").entry("default").orElseThrow(), acc, r);
        return new OnLibrary(w, name, acc, mapping);
    }

    /** A tile of {@code layer} drawn from {@code r}: 1 to the whole map in OX, then in OY. */
    public static Map<String, Long> randomTile(Layer layer, Random r) {
        long ox = 1 + (long) r.nextInt((int) layer.loopSize("OX"));
        return Map.of("OX", ox, "OY", 1 + (long) r.nextInt((int) layer.loopSize("OY")));
    }

    /** A chain of 1–4 convolutions drawn from {@code r}. */
    public static Workload generate(Random r) {
        int n = 1 + r.nextInt(4);
        long x = 10 + r.nextInt(30);
        long y = 10 + r.nextInt(30);
        long c = new long[] {1, 3, 8}[r.nextInt(3)];
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int f = new int[] {1, 3, 3, 5}[r.nextInt(4)];
            int s = f > 1 && r.nextInt(4) == 0 ? 2 : 1;
            long ox = (x - f) / s + 1;
            long oy = (y - f) / s + 1;
            if (ox < 2 || oy < 2) {
                break;
            }
            long k = new long[] {4, 8, 16, 24}[r.nextInt(4)];
            yaml.append("- id: ").append(i).append("\n  operator_type: Conv\n")
                    .append("  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]\n")
                    .append("  dimension_relations: [ix=").append(s).append("*ox+1*fx, iy=").append(s).append("*oy+1*fy]\n")
                    .append("  loop_dims: [B, K, C, OY, OX, FY, FX]\n")
                    .append("  loop_sizes: [1, ").append(k).append(", ").append(c).append(", ").append(oy).append(", ").append(ox)
                    .append(", ").append(f).append(", ").append(f).append("]\n")
                    .append("  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}\n")
                    .append("  operand_source: {W: ").append(i).append(", I: ").append(i == 0 ? i : i - 1).append("}\n");
            x = ox;
            y = oy;
            c = k;
        }
        return WorkloadReader.read("generated.yaml", new StringReader(yaml.toString())).orThrow();
    }

    /** The fixed spatial mapping used for {@code accelerator} (meta-prototype-df or edge-tpu-like-df) by the invariant tests. */
    public static Mapping mapping(String accelerator) {
        String text = accelerator.startsWith("meta")
                ? "- name: default\n  spatial_mapping:\n    D1: [\"K, 32\"]\n    D2: [\"C, 2\"]\n    D3: [\"OX, 4\"]\n    D4: [\"OY, 4\"]\n"
                : "- name: default\n  spatial_mapping:\n    D1: [\"K, 8\"]\n    D2: [\"C, 8\"]\n    D3: [\"OX, 4\"]\n    D4: [\"OY, 4\"]\n";
        return MappingReader.read("m.yaml", new StringReader(text), null, null).orThrow();
    }

    /**
     * A spatial mapping drawn from {@code r} that unrolls the same layer dimensions over the same array
     * dimensions as {@code template}, each by the array dimension's size, the template's factor, half
     * the array size or 3: unrollings may be clipped and fractional.
     */
    public static Mapping mappingLike(MappingEntry template, Accelerator accelerator, Random r) {
        StringBuilder text = new StringBuilder("- name: default\n  spatial_mapping:\n");
        for (var e : template.spatialMapping().entrySet()) {
            long size = accelerator.array().dimension(e.getKey()).orElseThrow().size();
            text.append("    ").append(e.getKey()).append(": [");
            for (int i = 0; i < e.getValue().size(); i++) {
                SpatialUnroll u = e.getValue().get(i);
                long factor = new long[] {size, u.factor(), Math.max(1, size / 2), 3}[r.nextInt(4)];
                text.append(i > 0 ? ", " : "").append('"').append(u.layerDim()).append(", ").append(factor).append('"');
            }
            text.append("]\n");
        }
        return MappingReader.read("generated-mapping.yaml", new StringReader(text.toString()), null, null).orThrow();
    }
}
