package io.defines.core.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.MappingReader;
import io.defines.core.load.Inputs;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The golden runs of the original DeFiNES code (resource defines-golden-runs.json.gz: 11 schedules at
 * LPF limit 6; see the README beside it) turned into single-layer problems over the library's
 * workloads, accelerators and mappings. Used by the parity tests and by {@code ./defines bench}.
 */
public final class GoldenRuns {

    /** One per-tile-type layer row: the problem to solve and what DeFiNES computed for it. */
    public record Row(String run, String layerKey, int typeIndex, SingleLayerProblem problem, JsonNode golden) {
        @Override
        public String toString() {
            return run + " " + layerKey + " type " + typeIndex;
        }
    }

    private static JsonNode root;
    private final Path library;
    private final Map<String, Workload> workloads = new HashMap<>();
    private final Map<String, Accelerator> accelerators = new HashMap<>();
    private final Map<String, Mapping> mappings = new HashMap<>();

    /** @param library the folder holding workloads/ and hardware/ (the repository root) */
    public GoldenRuns(Path library) {
        this.library = library;
    }

    public static synchronized JsonNode json() {
        if (root == null) {
            try (InputStream in = new GZIPInputStream(GoldenRuns.class.getResourceAsStream("defines-golden-runs.json.gz"))) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** "inputs.HW.Meta_prototype_DF" → "meta-prototype-df". */
    public static String acceleratorName(String module) {
        String s = module.substring(module.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replace('_', '-');
        return s.replace("tesla-npu", "tesla-npu");
    }

    /** "inputs.WL.Meta_prototype.workload_mobilenetv1" → "mobilenet-v1". */
    public static String workloadName(String module) {
        String s = module.substring(module.lastIndexOf("workload_") + "workload_".length());
        return switch (s) {
            case "mobilenetv1" -> "mobilenet-v1";
            case "dmcnnvd" -> "dmcnn-vd";
            default -> s;
        };
    }

    public synchronized Workload workload(String name) {
        return workloads.computeIfAbsent(name, n -> Inputs.readWorkload(library.resolve("workloads/" + n + ".yaml")).orThrow());
    }

    public synchronized Accelerator accelerator(String name) {
        return accelerators.computeIfAbsent(name, n -> AcceleratorReader.read(library.resolve("hardware/" + n + ".yaml")).orThrow());
    }

    public synchronized Mapping mapping(String family, String workload) {
        return mappings.computeIfAbsent(family + "/" + workload, k -> MappingReader.read(
                library.resolve("hardware/mappings/" + k + ".yaml"), null, null).orThrow());
    }

    /** Every per-tile-type row of every LayerNode result, in file order. */
    public List<Row> layerRows(int lpfLimit, CompatFlags flags) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode run : json().get("runs")) {
            String acc = acceleratorName(run.get("acc").asText());
            String wl = workloadName(run.get("wl").asText());
            String family = acc.replace("-df", "");
            String runName = acc + "/" + wl + " " + run.get("tx").asInt() + "x" + run.get("ty").asInt() + " mode " + run.get("mode").asText();
            Workload w = workload(wl);
            Accelerator a = accelerator(acc);
            Mapping m = mapping(family, wl);
            for (JsonNode r : run.get("rows")) {
                String key = r.get("key").asText();
                if (!key.startsWith("LayerNode_")) {
                    continue;
                }
                Layer layer = w.layer(Integer.parseInt(key.substring("LayerNode_".length()))).orElseThrow();
                MappingEntry entry = m.entryFor(layer).orElseThrow();
                int t = 0;
                for (JsonNode type : r.get("per_type")) {
                    rows.add(new Row(runName, key, t++, problem(layer, entry, a, type, lpfLimit, flags), type));
                }
            }
        }
        return rows;
    }

    /** DeFiNES' operand names (X, Y for adds) to ours (W, I). */
    public static String ourOperand(String golden) {
        return switch (golden) {
            case "X" -> "W";
            case "Y" -> "I";
            default -> golden;
        };
    }

    static SingleLayerProblem problem(Layer layer, MappingEntry entry, Accelerator acc, JsonNode type, int lpf, CompatFlags flags) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = type.get("loop_dim_size").fields(); it.hasNext();) {
            var e = it.next();
            sizes.put(e.getKey(), e.getValue().asLong());
        }
        boolean add = entry.memoryOperandLinks().values().stream().filter(v -> v == MemoryOperand.I1).count() == 2;
        Map<MemoryOperand, Integer> counts = new EnumMap<>(MemoryOperand.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = type.get("mem_names").fields(); it.hasNext();) {
            var e = it.next();
            MemoryOperand mo = entry.memoryOperandLinks().get(ourOperand(e.getKey()));
            int n = e.getValue().size();
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(x -> expected.add(x.asText()));
            List<String> chain = acc.chain(mo).subList(0, n).stream().map(Memory::name).toList();
            if (!chain.equals(expected)) {
                throw new IllegalStateException("golden chain " + expected + " is not a prefix of " + mo + " chain " + acc.chain(mo));
            }
            counts.merge(mo, n, Math::min);
        }
        if (add) {
            counts.put(MemoryOperand.I2, 0);
        }
        return new SingleLayerProblem(layer, sizes, entry, new HierarchyView(acc, counts, add), lpf, flags);
    }
}
