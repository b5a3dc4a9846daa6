package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.hardware.Accelerator;
import io.defines.core.load.Inputs;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ZigZag's own shipped example inputs (test resources zigzag-inputs/, MIT licence) load as-is; the
 * one file that is itself wrong gets exactly one precise diagnostic (docs/zigzag-compatibility.md).
 */
class ZigZagInputsTest {

    static Path zz(String name) {
        return RepoPaths.resource("zigzag-inputs/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aimc", "ascend_like", "dimc", "edge_tpu_like", "eyeriss_like", "gemm_l1", "gemm_l1_l3",
        "generic_array_cacti", "meta_prototype", "tesla_npu_like"})
    void hardwareLoads(String name) {
        Parsed<Accelerator> p = AcceleratorReader.read(zz("hardware/" + name + ".yaml"));
        assertThat(p.errors()).isEmpty();
        assertThat(p.value().memories()).isNotEmpty();
        boolean imc = name.equals("aimc") || name.equals("dimc");
        assertThat(p.diagnostics()).as("only the IMC arrays warn").hasSize(imc ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "gemm_layer"})
    void workloadsLoad(String name) {
        Parsed<Workload> p = Inputs.readWorkload(zz("workload/" + name + ".yaml"));
        assertThat(p.errors()).isEmpty();
        // ZigZag's resnet18.yaml describes padded convolutions without 'padding': every 3x3/7x7 conv warns
        assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.hint()).contains("padding"));
        assertThat(p.diagnostics()).hasSize(name.equals("resnet18") ? 40 : 0);
    }

    @org.junit.jupiter.api.Test
    void tpuLikeHasARepeatedPortsKeyAndNothingElseWrong() {
        Parsed<Accelerator> p = AcceleratorReader.read(zz("hardware/tpu_like.yaml"));
        assertThat(p.value()).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(74);
            assertThat(d.column()).isEqualTo(5);
            assertThat(d.pointer()).isEqualTo("/memories/sram_2MB/ports");
            assertThat(d.message()).contains("duplicate key 'ports' (first defined at line 67)");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "meta_prototype_like, meta_prototype, resnet18, 2",
        "meta_prototype_like_mixed, meta_prototype, resnet18, 1",
        "edge_tpu_like, edge_tpu_like, resnet18, 0",
        "edge_tpu_like_mixed, edge_tpu_like, resnet18, 0",
        "ascend_like, ascend_like, resnet18, 2",
        "ascend_like_mixed, ascend_like, resnet18, 2",
        "tesla_npu_like, tesla_npu_like, resnet18, 0",
        "tesla_npu_like_mixed, tesla_npu_like, resnet18, 0",
        "default_imc, dimc, resnet18, 0",
        "gemm_l1, gemm_l1, gemm_layer, 0",
        "gemm_l1_l3, gemm_l1_l3, gemm_layer, 0",
    })
    void mappingsLoadAgainstTheirHardwareAndWorkload(String mapping, String hardware, String workload, int warnings) {
        Workload w = Inputs.readWorkload(zz("workload/" + workload + ".yaml")).orThrow();
        Accelerator a = AcceleratorReader.read(zz("hardware/" + hardware + ".yaml")).orThrow();
        Parsed<Mapping> p = MappingReader.read(zz("mapping/" + mapping + ".yaml"), w, a);
        assertThat(p.errors()).isEmpty();
        // the warnings say that ZigZag's default entry unrolls K/C over layers without K/C (pooling, adds)
        assertThat(p.diagnostics()).hasSize(warnings).allSatisfy(d -> assertThat(d.message()).contains("clipped to 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpu_like", "tpu_like_mixed", "default"})
    void mappingsForTheBrokenTpuFileLoadAgainstTheWorkload(String mapping) {
        Workload w = Inputs.readWorkload(zz("workload/resnet18.yaml")).orThrow();
        Parsed<Mapping> p = MappingReader.read(zz("mapping/" + mapping + ".yaml"), w, null);
        assertThat(p.errors()).isEmpty();
        assertThat(p.value().entries()).extracting(e -> e.name()).contains("default");
    }

    @org.junit.jupiter.api.Test
    void mappingDetailsSurvive() {
        Mapping m = MappingReader.read(zz("mapping/tpu_like.yaml"), null, null).orThrow();
        var layer0 = m.entry("example_name_of_layer0").orElseThrow();
        assertThat(layer0.temporalOrdering()).hasSize(5);
        assertThat(m.entry("default").orElseThrow().spatialMappingText()).isEqualTo("D1:K32 D2:C32");
        Mapping mixed = MappingReader.read(zz("mapping/ascend_like_mixed.yaml"), null, null).orThrow();
        assertThat(mixed.entry("default").orElseThrow().spatialMappingText()).isEqualTo("D1:K16 D2:C4,FX3 D3:OX2 D4:OY2");
        assertThat(List.of(mixed.entry("default").orElseThrow().unrolling("C"))).containsExactly(4L);
    }
}
