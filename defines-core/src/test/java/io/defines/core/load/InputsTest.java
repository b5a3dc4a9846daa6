package io.defines.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.RepoPaths;
import io.defines.core.input.InputFiles.Kind;
import io.defines.core.input.InputFiles.Validation;
import io.defines.core.input.Parsed;
import io.defines.core.onnx.OnnxGraphs;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade tells ONNX models from YAML files by extension and reads each with its reader. */
class InputsTest {

    @TempDir
    static Path tmp;

    static Path twoConvs;

    /** Two 3×3 convolutions, 8 → 8 → 8 channels, on a 1 × 8 × 16 × 16 input. */
    @BeforeAll
    static void writeTwoConvs() {
        twoConvs = OnnxGraphs.write(tmp, "2_conv.onnx", OnnxMl.GraphProto.newBuilder().addInput(OnnxGraphs.input("x", 1, 8, 16, 16))
                .addInitializer(OnnxGraphs.weight("w1", 8, 8, 3, 3)).addInitializer(OnnxGraphs.weight("w2", 8, 8, 3, 3))
                .addNode(OnnxGraphs.node("Conv", "c1", "y", "x", "w1")).addNode(OnnxGraphs.node("Conv", "c2", "z", "y", "w2")));
    }

    @Test
    void anOnnxModelIsKnownByItsExtension() {
        assertThat(Inputs.isOnnx(Path.of("models/net.onnx"))).isTrue();
        assertThat(Inputs.isOnnx(Path.of("NET.ONNX"))).isTrue();
        assertThat(Inputs.isOnnx(Path.of("workloads/fsrcnn.yaml"))).isFalse();
        assertThat(Inputs.isOnnx(Path.of("onnx"))).isFalse();
    }

    @Test
    void readsYamlAndOnnxWorkloads() {
        Workload yaml = Inputs.readWorkload(RepoPaths.root().resolve("workloads/fsrcnn.yaml")).orThrow();
        assertThat(yaml.name()).isEqualTo("fsrcnn");
        Workload onnx = Inputs.readWorkload(twoConvs).orThrow();
        assertThat(onnx.name()).isEqualTo("2_conv");
        assertThat(onnx.layers()).hasSize(2);
        assertThat(onnx.weightBits()).isEqualTo(2L * 8 * 8 * 3 * 3 * 8);
        // the import options reach the importer
        Parsed<Workload> fourBit = Inputs.readWorkload(twoConvs, new OnnxOptions(4, 4, 16, 4, false));
        assertThat(fourBit.orThrow().weightBits()).isEqualTo(2L * 8 * 8 * 3 * 3 * 4);
    }

    @Test
    void validatesFilesOfEveryKind() {
        Validation onnx = Inputs.validate(twoConvs, null);
        assertThat(onnx.kind()).isEqualTo(Kind.WORKLOAD);
        assertThat(onnx.ok()).isTrue();
        Validation mapping = Inputs.validate(RepoPaths.root().resolve("hardware/mappings/meta-prototype/fsrcnn.yaml"), null);
        assertThat(mapping.kind()).isEqualTo(Kind.MAPPING);
        assertThat(mapping.ok()).as(mapping.diagnostics().toString()).isTrue();
        Validation accelerator = Inputs.validate(RepoPaths.root().resolve("hardware/meta-prototype.yaml"), null, OnnxOptions.DEFAULT);
        assertThat(accelerator.kind()).isEqualTo(Kind.ACCELERATOR);
    }
}
