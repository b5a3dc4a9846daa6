package io.defines.core.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Port;
import io.defines.core.hardware.PortType;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.load.Inputs;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped DeFiNES library (5 workloads, 10 accelerators, 25 mappings) against the facts of the
 * DeFiNES inputs, transcribed into the CSV tables under test resources defines-library/.
 */
class DefinesLibraryTest {

    static final List<String> WORKLOADS = List.of("fsrcnn", "dmcnn-vd", "mccnn", "mobilenet-v1", "resnet18");
    static final List<String> FAMILIES = List.of("meta-prototype", "tpu-like", "edge-tpu-like", "ascend-like", "tesla-npu-like");

    static final Map<String, Workload> WORKLOAD_CACHE = new HashMap<>();

    static Workload workload(String name) {
        return WORKLOAD_CACHE.computeIfAbsent(name, n -> {
            Parsed<Workload> p = Inputs.readWorkload(RepoPaths.root().resolve("workloads/" + n + ".yaml"));
            assertThat(p.errors()).as("errors in workloads/%s.yaml", n).isEmpty();
            return p.value();
        });
    }

    static Accelerator accelerator(String name) {
        Parsed<Accelerator> p = AcceleratorReader.read(RepoPaths.root().resolve("hardware/" + name + ".yaml"));
        assertThat(p.diagnostics()).as("diagnostics of hardware/%s.yaml", name).isEmpty();
        return p.value();
    }

    @ParameterizedTest
    @CsvSource({
        "fsrcnn, 8, 8362594208, 127936",
        "dmcnn-vd, 20, 278813332224, 5336064",
        "mccnn, 4, 52278792192, 889344",
        "mobilenet-v1, 29, 1891288512, 33672704",
        "resnet18, 28, 9353143424, 92055040",
    })
    void workloadTotalsMatchDefines(String name, int layers, long macs, long weightBits) {
        Workload w = workload(name);
        assertThat(w.layers()).hasSize(layers);
        assertThat(w.macCount()).isEqualTo(macs);
        assertThat(w.weightBits()).isEqualTo(weightBits);
    }

    @Test
    void everyLayerMatchesTheDefinesTables() throws Exception {
        List<Map<String, String>> rows = Csv.read("defines-library/expected-layers.csv");
        assertThat(rows).hasSize(89);
        for (Map<String, String> r : rows) {
            Layer l = workload(r.get("workload")).layer(Integer.parseInt(r.get("layer_id"))).orElseThrow();
            String where = r.get("workload") + " layer " + l.id();
            assertThat(l.name()).as(where).isEqualTo(r.get("name"));
            assertThat(l.operatorType()).as(where).isEqualTo(r.get("operator_type"));
            assertThat(l.macCount()).as(where + " MACs").isEqualTo(Long.parseLong(r.get("macs")));
            assertThat(l.weightBits()).as(where + " weight bits").isEqualTo(Long.parseLong(r.get("weight_bits")));
            assertThat(l.inputElements()).as(where + " input elements").isEqualTo(Long.parseLong(r.get("input_elems")));
            assertThat(l.outputElements()).as(where + " output elements").isEqualTo(Long.parseLong(r.get("output_elems")));
        }
    }

    @Test
    void dmcnnUsesTheBackPropagatedWidthsOfDefines() {
        Workload w = workload("dmcnn-vd");
        for (int id = 0; id <= 14; id++) {
            assertThat(w.layer(id).orElseThrow().loopSize("OX")).as("layer %d", id).isEqualTo(806 - 2L * id);
        }
        assertThat(w.layer(15).orElseThrow().loopSize("OX")).isEqualTo(776);
        // the network input the first layer reads: 808 × 552 × 3
        assertThat(w.layer(0).orElseThrow().tensorDims("I")).containsEntry("IX", 808L).containsEntry("IY", 552L);
    }

    /**
     * Position-based inference of producer dimensions reproduces DeFiNES' explicit
     * operand_source_dimension_mapping for every edge, except where DeFiNES names a dimension the
     * producer does not have (sloppy but harmless entries, listed in defines-inputs §1.0): there
     * the inferred dimension is the producer's real output dimension at that position.
     */
    @Test
    void inferredDimensionCorrespondenceReproducesDefines() throws Exception {
        List<Map<String, String>> rows = Csv.read("defines-library/defines-dimension-correspondences.csv");
        List<String> sloppy = new ArrayList<>();
        for (Map<String, String> r : rows) {
            Workload w = workload(r.get("workload"));
            Layer consumer = w.layer(Integer.parseInt(r.get("layer_id"))).orElseThrow();
            LayerInput in = consumer.inputs().stream().filter(i -> i.operand().equals(r.get("operand"))).findFirst().orElseThrow();
            assertThat(in.producerId()).isEqualTo(Integer.parseInt(r.get("producer_id")));
            Layer producer = w.layer(in.producerId()).orElseThrow();
            String inferred = in.producerDims().get(r.get("consumer_dim"));
            String where = r.get("workload") + " layer " + consumer.id() + " " + r.get("operand") + "." + r.get("consumer_dim");
            if (producer.equation().output().indices().contains(r.get("producer_dim"))) {
                assertThat(inferred).as(where).isEqualTo(r.get("producer_dim"));
            } else {
                sloppy.add(where + "->" + r.get("producer_dim"));
                int position = consumer.equation().operand(in.operand()).orElseThrow().indices().indexOf(r.get("consumer_dim"));
                assertThat(inferred).as(where).isEqualTo(producer.equation().output().indices().get(position));
            }
        }
        assertThat(rows).hasSize(276);
        assertThat(sloppy).containsExactlyInAnyOrder(SLOPPY_DEFINES_ENTRIES.toArray(String[]::new));
    }

    /** DeFiNES entries naming a producer dimension that does not exist (it maps G to K after pool/add layers). */
    static final List<String> SLOPPY_DEFINES_ENTRIES = List.of(
            "resnet18 layer 4 W.G->K",
            "resnet18 layer 26 I.G->K");

    @ParameterizedTest
    @ValueSource(strings = {"meta-prototype", "meta-prototype-df", "tpu-like", "tpu-like-df", "edge-tpu-like",
        "edge-tpu-like-df", "ascend-like", "ascend-like-df", "tesla-npu-like", "tesla-npu-like-df"})
    void acceleratorsMatchTheDefinesTables(String name) throws Exception {
        Accelerator acc = accelerator(name);
        assertThat(acc.array().totalUnits()).isEqualTo(1024);
        assertThat(acc.array().macEnergyPj()).isEqualTo(0.04);
        List<Map<String, String>> rows = Csv.read("defines-library/expected-memories.csv").stream()
                .filter(r -> r.get("accelerator").equals(name)).toList();
        assertThat(acc.memories()).hasSize(rows.size());
        for (Map<String, String> r : rows) {
            Memory m = acc.memories().get(Integer.parseInt(r.get("order")));
            String where = name + " " + m.name();
            assertThat(m.name()).isEqualTo(r.get("name"));
            assertThat(m.sizeBits()).as(where).isEqualTo(Long.parseLong(r.get("size_bits")));
            assertThat(m.readBandwidthBits()).as(where + " r_bw").isEqualTo(Long.parseLong(r.get("r_bw")));
            assertThat(m.writeBandwidthBits()).as(where + " w_bw").isEqualTo(Long.parseLong(r.get("w_bw")));
            // exact doubles: the costs must be bit-identical to DeFiNES' source expressions (e.g. 26.01 * 7)
            assertThat(m.readEnergyPj()).as(where + " r_cost").isEqualTo(Double.parseDouble(r.get("r_cost")));
            assertThat(m.writeEnergyPj()).as(where + " w_cost").isEqualTo(Double.parseDouble(r.get("w_cost")));
            assertThat(minBandwidth(m, false)).as(where + " r_min").isEqualTo(Long.parseLong(r.get("r_min")));
            assertThat(minBandwidth(m, true)).as(where + " w_min").isEqualTo(Long.parseLong(r.get("w_min")));
            String levels = m.operands().stream().map(op -> op + "@" + acc.level(m, op)).collect(Collectors.joining(" "));
            assertThat(levels).as(where + " operands@level").isEqualTo(r.get("operands_at_level"));
            assertThat(String.join(" ", m.servedDimensions())).as(where + " served").isEqualTo(r.get("served_dims"));
            assertThat(m.instanceCount(acc.array())).as(where + " instances").isEqualTo(Long.parseLong(r.get("unroll_count")));
            assertThat(m.latencyCycles()).isEqualTo(1);
        }
        for (Map<String, String> r : Csv.read("defines-library/expected-chains.csv")) {
            if (r.get("accelerator").equals(name)) {
                String chain = acc.chain(MemoryOperand.valueOf(r.get("operand"))).stream().map(Memory::name).collect(Collectors.joining(">"));
                assertThat(chain).as(name + " " + r.get("operand") + " chain").isEqualTo(r.get("chain"));
            }
        }
    }

    private static long minBandwidth(Memory m, boolean write) {
        return m.ports().stream()
                .filter(p -> write ? p.type() != PortType.READ : p.type() != PortType.WRITE)
                .mapToLong(Port::bandwidthMinBits).min().orElseThrow();
    }

    @Test
    void mappingsGiveEveryLayerItsDefinesSpatialMapping() throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (Map<String, String> r : Csv.read("defines-library/expected-spatial-mappings.csv")) {
            expected.put(r.get("family") + "/" + r.get("workload") + "/" + r.get("layer_id"), r.get("spatial_mapping"));
        }
        int checked = 0;
        for (String family : FAMILIES) {
            for (String wl : WORKLOADS) {
                Workload w = workload(wl);
                for (String variant : List.of(family, family + "-df")) {
                    Path file = RepoPaths.root().resolve("hardware/mappings/" + family + "/" + wl + ".yaml");
                    Parsed<Mapping> p = MappingReader.read(file, w, accelerator(variant));
                    assertThat(p.diagnostics()).as("diagnostics of %s against %s", file, variant).isEmpty();
                    for (Layer l : w.layers()) {
                        MappingEntry e = p.value().entryFor(l).orElseThrow();
                        String key = family + "/" + wl + "/" + l.id();
                        assertThat(e.spatialMappingText()).as(key).isEqualTo(expected.get(key));
                        Map<String, MemoryOperand> links = e.memoryOperandLinks();
                        boolean add = l.operatorType().equals("Add");
                        assertThat(links.get("O")).isEqualTo(MemoryOperand.O);
                        assertThat(links.get("I")).isEqualTo(MemoryOperand.I1);
                        assertThat(links.get("W")).as(key + " W link").isEqualTo(add ? MemoryOperand.I1 : MemoryOperand.I2);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(2 * 445);
    }

    @Test
    void onlyTheDocumentedResNetShortcutQuirkWarns() {
        List<String> warnings = new ArrayList<>();
        for (String wl : WORKLOADS) {
            Parsed<Workload> p = Inputs.readWorkload(RepoPaths.root().resolve("workloads/" + wl + ".yaml"));
            p.diagnostics().stream().map(Diagnostic::render).forEach(warnings::add);
        }
        assertThat(warnings).hasSize(3).allMatch(s -> s.contains("resnet18.yaml") && s.contains("along G of operand W"));
        assertThat(new TreeSet<>(warnings.stream().map(s -> s.replaceAll(".*reads \\d+ elements along G of operand W, but layer (\\d+).*", "$1")
                .lines().findFirst().orElseThrow()).toList())).containsExactly("13", "19", "7");
    }
}
