package io.defines.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.input.InputFiles.Kind;
import io.defines.core.input.InputFiles.Validation;
import io.defines.core.input.Parsed;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The facade tells ONNX models from YAML files by extension and reads each with its reader. */
class InputsTest {

    static final Path TWO_CONVS = RepoPaths.root().resolve("defines-core/src/test/resources/stream-inputs/2_conv.onnx");

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
        Workload onnx = Inputs.readWorkload(TWO_CONVS).orThrow();
        assertThat(onnx.name()).isEqualTo("2_conv");
        assertThat(onnx.layers()).hasSize(2);
        assertThat(onnx.weightBits()).isEqualTo(2L * 8 * 8 * 3 * 3 * 8);
        // the import options reach the importer
        Parsed<Workload> fourBit = Inputs.readWorkload(TWO_CONVS, new OnnxOptions(4, 4, 16, 4, false));
        assertThat(fourBit.orThrow().weightBits()).isEqualTo(2L * 8 * 8 * 3 * 3 * 4);
    }

    @Test
    void validatesFilesOfEveryKind() {
        Validation onnx = Inputs.validate(TWO_CONVS, null);
        assertThat(onnx.kind()).isEqualTo(Kind.WORKLOAD);
        assertThat(onnx.ok()).isTrue();
        Validation mapping = Inputs.validate(RepoPaths.root().resolve("hardware/mappings/meta-prototype/fsrcnn.yaml"), null);
        assertThat(mapping.kind()).isEqualTo(Kind.MAPPING);
        assertThat(mapping.ok()).as(mapping.diagnostics().toString()).isTrue();
        Validation accelerator = Inputs.validate(RepoPaths.root().resolve("hardware/meta-prototype.yaml"), null, OnnxOptions.DEFAULT);
        assertThat(accelerator.kind()).isEqualTo(Kind.ACCELERATOR);
    }
}
