package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.hardware.Accelerator;
import io.defines.core.mapping.Mapping;
import io.defines.core.testdomain.ZigZagStyleResNet18;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs written in ZigZag's formats (its "port" accelerator format, its workload and mapping
 * notation, with the keys its examples use that the DeFiNES model does not need) load as they are;
 * a file that is itself wrong gets exactly one precise diagnostic (docs/zigzag-compatibility.md).
 * The files are written here, following ZigZag's documented formats, not copied from ZigZag.
 */
class ZigZagInputsTest {

    /** A memory in ZigZag's port format: one read and one write port per direction list. */
    static String memory(String name, long size, double cost, String operands, String readAlloc, String writeAlloc, String served,
                         String extra) {
        return """
                  %s:
                    size: %d
                    r_cost: %s
                    w_cost: %s
                    area: 0
                    latency: 1
                %s    operands: [%s]
                    ports:
                      - name: r_port_1
                        type: read
                        bandwidth_min: 8
                        bandwidth_max: 64
                        allocation: [%s]
                      - name: w_port_1
                        type: write
                        bandwidth_min: 8
                        bandwidth_max: 64
                        allocation: [%s]
                    served_dimensions: [%s]
                """.formatted(name, size, cost, cost, extra, operands, readAlloc, writeAlloc, served);
    }

    /** A three-level accelerator: weight and output registers per MAC column, a shared SRAM, DRAM. */
    static String accelerator(String array) {
        return "name: zigzag_style\nmemories:\n"
                + memory("rf_w", 8, 0.01, "I2", "'I2, tl'", "'I2, fh'", "D2", "")
                + memory("rf_o", 32, 0.02, "O", "'O, tl', 'O, th'", "'O, fh', 'O, fl'", "D2", "")
                + memory("sram", 8_388_608, 10, "I1, I2, O", "'I1, tl', 'I2, tl', 'O, tl', 'O, th'", "'I1, fh', 'I2, fh', 'O, fh', 'O, fl'",
                        "D1, D2", "    mem_type: sram\n")
                + memory("dram", 1_000_000_000_000L, 700, "I1, I2, O", "'I1, tl', 'I2, tl', 'O, tl'", "'O, fl'", "D1, D2",
                        "    mem_type: dram\n")
                + array;
    }

    static final String ARRAY = """
            operational_array:
              unit_energy: 0.04
              unit_area: 1
              dimensions: [D1, D2]
              sizes: [16, 16]
            """;

    /** A digital in-memory-computing array: ZigZag's IMC keys, kept but not modelled (one warning). */
    static final String IMC_ARRAY = """
            operational_array:
              is_imc: True
              imc_type: digital
              input_precision: [8, 8]
              bit_serial_precision: 1
              adc_resolution: 8
              unit_energy: 0.04
              unit_area: 1
              dimensions: [D1, D2]
              sizes: [16, 16]
            """;

    static Parsed<Accelerator> acc(String text) {
        return AcceleratorReader.read("zz.yaml", new StringReader(text));
    }

    @Test
    void acceleratorsLoad() {
        Parsed<Accelerator> plain = acc(accelerator(ARRAY));
        assertThat(plain.diagnostics()).isEmpty();
        assertThat(plain.value().memories()).hasSize(4);
        Parsed<Accelerator> imc = acc(accelerator(IMC_ARRAY));
        assertThat(imc.errors()).isEmpty();
        assertThat(imc.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("in-memory"));
    }

    @Test
    void aRepeatedPortsKeyIsTheOneProblem() {
        // ZigZag's own tpu_like example repeats a memory's 'ports' key; YAML forbids it and PyYAML keeps the last
        String text = accelerator(ARRAY).replace("""
                    served_dimensions: [D1, D2]
                    mem_type: sram
                """, "")
                .replaceFirst("(?m)^(  sram:\\n(?:    .*\\n|      .*\\n|        .*\\n)*?)(    served_dimensions: \\[D1, D2\\]\\n)",
                        "$1    ports:\n      - name: rw_port_1\n        type: read_write\n        bandwidth_min: 64\n        bandwidth_max: 64\n"
                                + "        allocation: ['I1, fh', 'I1, tl', 'I2, fh', 'I2, tl', 'O, fh', 'O, tl', 'O, fl', 'O, th']\n$2");
        List<String> lines = text.lines().toList();
        int second = -1;
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("    ports:") && i > lines.indexOf("  sram:")) {
                if (first < 0) {
                    first = i + 1;
                } else if (second < 0) {
                    second = i + 1;
                }
            }
        }
        assertThat(second).as(text).isPositive();
        Parsed<Accelerator> p = acc(text);
        assertThat(p.value()).isNull();
        int firstLine = first;
        int secondLine = second;
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(secondLine);
            assertThat(d.column()).isEqualTo(5);
            assertThat(d.pointer()).isEqualTo("/memories/sram/ports");
            assertThat(d.message()).contains("duplicate key 'ports' (first defined at line " + firstLine + ")");
        });
    }

    @Test
    void workloadsLoad() {
        ZigZagStyleResNet18.Yaml zz = ZigZagStyleResNet18.build();
        Parsed<Workload> resnet = WorkloadReader.read("resnet18.yaml", new StringReader(zz.text()));
        assertThat(resnet.errors()).isEmpty();
        // padded convolutions written without 'padding': each read past a map warns, suggesting padding
        assertThat(resnet.diagnostics()).hasSize(zz.readsPastTheMap()).allSatisfy(d -> assertThat(d.hint()).contains("padding"));
        assertThat(resnet.value().macCount()).isEqualTo(zz.macs());
        Parsed<Workload> gemm = WorkloadReader.read("gemm_layer.yaml", new StringReader(ZigZagStyleResNet18.GEMM));
        assertThat(gemm.diagnostics()).isEmpty();
        assertThat(gemm.value().macCount()).isEqualTo(128L * 128 * 128);
    }

    /** A mapping as ZigZag's examples write them: block lists per array dim, an entry per layer name with a loop order. */
    static final String MAPPING = """
            - name: default
              spatial_mapping:
                D1:
                  - K, 16
                D2:
                  - C, 4
                  - FX, 3
              memory_operand_links:
                O: O
                W: I2
                I: I1

            - name: Add
              spatial_mapping:
                D1:
                  - G, 16
                D2:
                  - C, 1
              memory_operand_links:
                O: O
                W: I2
                I: I1

            - name: conv0
              spatial_mapping:
                D1:
                  - C, 3
                D2:
                  - K, 16
              spatial_mapping_hint:
                D1: [K, C]
              temporal_ordering:
                - [OX, 112] # innermost
                - [OY, 112]
                - [FX, 7]
                - [FY, 7]
                - [K, 4] # outermost
              core_allocation: [1]
              memory_operand_links:
                O: O
                W: I2
                I: I1
            """;

    @Test
    void mappingsLoadAgainstTheirHardwareAndWorkload() {
        Workload w = WorkloadReader.read("resnet18.yaml", new StringReader(ZigZagStyleResNet18.build().text())).orThrow();
        Accelerator a = acc(accelerator(ARRAY)).orThrow();
        Parsed<Mapping> p = MappingReader.read("mapping.yaml", new StringReader(MAPPING), w, a);
        assertThat(p.errors()).isEmpty();
        // the default entry unrolls K and C; the two poolings have neither: clipped to 1, with a warning per dimension
        assertThat(p.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.message()).contains("clipped to 1"));
        Mapping m = p.value();
        assertThat(m.entry("default").orElseThrow().spatialMappingText()).isEqualTo("D1:K16 D2:C4,FX3");
        assertThat(List.of(m.entry("default").orElseThrow().unrolling("C"))).containsExactly(4L);
        var conv0 = m.entry("conv0").orElseThrow();
        assertThat(conv0.temporalOrdering()).hasSize(5);
        assertThat(conv0.spatialMappingText()).isEqualTo("D1:C3 D2:K16");
        // without workload and accelerator (ZigZag's mappings do not name theirs) the file alone is checked
        assertThat(MappingReader.read("mapping.yaml", new StringReader(MAPPING), null, null).errors()).isEmpty();
    }
}
