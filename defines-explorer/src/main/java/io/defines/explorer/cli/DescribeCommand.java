package io.defines.explorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.Parsed;
import io.defines.core.load.Inputs;
import io.defines.core.onnx.OnnxImporter;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code defines describe workload|accelerator FILE}: what the tool understood from a file. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Show what defines reads from a workload (per layer: type, loop sizes, MACs, weight bits,",
                "input/output elements, producers; totals) or an accelerator (array; per memory operand its chain",
                "bottom-up with size, bandwidths, costs and instance count)."})
final class DescribeCommand implements Callable<Integer> {

    enum What { workload, accelerator }

    public enum Format { text, json }

    @Parameters(index = "0", paramLabel = "workload|accelerator", description = "What the file is: ${COMPLETION-CANDIDATES}.")
    What what;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @picocli.CommandLine.Mixin
    OnnxMixin onnx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OnnxOptions options;
        try {
            options = onnx.options();
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "describe", e.getMessage());
        }
        // an ONNX model is imported once: its workload and the nodes fused into their producers
        OnnxImporter.Import imported = what == What.workload && Inputs.isOnnx(file) ? OnnxImporter.importGraph(file, options) : null;
        Parsed<?> parsed = imported != null ? imported.workload()
                : what == What.workload ? Inputs.readWorkload(file, options) : AcceleratorReader.read(file);
        if (!Main.report(parsed, err)) {
            err.println("defines: " + file + " is not a valid " + what + "; nothing to describe");
            return Main.EXIT_INVALID;
        }
        if (format == Format.json) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Object tree = what == What.workload
                    ? Descriptions.workloadJson((Workload) parsed.value(), json)
                    : Descriptions.acceleratorJson((Accelerator) parsed.value(), json);
            out.println(json.writeValueAsString(tree));
        } else {
            out.print(what == What.workload
                    ? Descriptions.workloadText((Workload) parsed.value(), file)
                    : Descriptions.acceleratorText((Accelerator) parsed.value(), file));
            if (imported != null) {
                // the ONNX nodes that became no layer: never silently
                Map<String, Integer> fused = new TreeMap<>();
                imported.fused()
                        .forEach(n -> fused.merge(n.substring(0, n.indexOf(' ')), 1, Integer::sum));
                out.println(fused.isEmpty() ? "fused ONNX nodes: none"
                        : "fused into their producers, no cost (docs/onnx.md): " + String.join(", ",
                        fused.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).toList()));
            }
        }
        return Main.EXIT_OK;
    }
}
