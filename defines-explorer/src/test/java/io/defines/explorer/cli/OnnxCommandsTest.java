package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import io.defines.core.onnx.OnnxGraphs;
import io.defines.core.onnx.ZooNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX workloads through the command line: evaluate in all three modes, and a corpus of broken models. */
class OnnxCommandsTest {

    @TempDir
    static Path models;

    /** fsrcnn() at 960 × 540 as exported with "same" padding, built with the protobuf builders. */
    static Path fsrcnn() {
        Path p = models.resolve("fsrcnn.onnx");
        return Files.exists(p) ? p : OnnxGraphs.write(models, "fsrcnn.onnx", ZooNetworks.fsrcnn().graph());
    }

    @Test
    void evaluatesTheImportedFsrcnnInAllThreeModes() {
        for (String mode : new String[] {"fully-recompute", "h-cached-v-recompute", "fully-cached"}) {
            CliTest.Run r = CliTest.run("evaluate", "--workload", fsrcnn().toString(), "--accelerator",
                    RepoPaths.root().resolve("hardware/meta-prototype-df.yaml").toString(), "--mapping",
                    RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml").toString(), "--tile", "60x72",
                    "--overlap", mode, "--lpf-limit", "4");
            assertThat(r.exit()).as(mode + ": " + r.err()).isZero();
            assertThat(r.out()).contains("fsrcnn on meta-prototype-df, tile 60x72").contains("layer 7");
        }
    }

    static OnnxMl.ValueInfoProto input(String name, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(s).build()
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()).build());
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    static OnnxMl.TensorProto weight(String name, long... dims) {
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(1).addAllDims(Arrays.stream(dims).boxed().toList()).build();
    }

    static OnnxMl.NodeProto node(String op, String name, String[] in, String out) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(Arrays.asList(in)).addOutput(out).build();
    }

    static Path write(Path dir, String file, OnnxMl.GraphProto g) throws IOException {
        Path p = dir.resolve(file);
        Files.write(p, OnnxMl.ModelProto.newBuilder().setIrVersion(7).setGraph(g).build().toByteArray());
        return p;
    }

    static OnnxMl.GraphProto.Builder twoConvs(Object... inputDims) {
        return OnnxMl.GraphProto.newBuilder().setName("g").addInput(input("x", inputDims))
                .addInitializer(weight("w1", 8, 3, 3, 3)).addInitializer(weight("w2", 8, 8, 1, 1));
    }

    @Test
    void brokenModelsGetPreciseDiagnosticsAndExitTwo(@TempDir Path tmp) throws IOException {
        // truncated
        Path truncated = tmp.resolve("truncated.onnx");
        byte[] all = Files.readAllBytes(fsrcnn());
        Files.write(truncated, Arrays.copyOf(all, all.length / 3));
        CliTest.Run a = CliTest.run("validate", truncated.toString());
        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.err()).contains("truncated.onnx:1:1: /: not a readable ONNX model").contains("Maybe").doesNotContain("Exception:");
        // a symbolic batch size: no fixed input shape
        Path symbolic = write(tmp, "symbolic.onnx", twoConvs("batch", 3, 32, 32)
                .addNode(node("Conv", "c1", new String[] {"x", "w1"}, "y")).addNode(node("Conv", "c2", new String[] {"y", "w2"}, "z")).build());
        CliTest.Run b = CliTest.run("describe", "workload", symbolic.toString());
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).contains("symbolic.onnx:1:1: /graph/input/x: graph input 'x' has no fixed shape ['batch', 3, 32, 32]")
                .contains("Maybe export with a fixed input shape");
        // an unsupported operator, refused, then skipped with a warning
        Path resize = write(tmp, "resize.onnx", twoConvs(1, 3, 32, 32).addNode(node("Conv", "c1", new String[] {"x", "w1"}, "y"))
                .addNode(node("SpaceToDepth", "up", new String[] {"y"}, "y2")).addNode(node("Conv", "c2", new String[] {"y2", "w2"}, "z")).build());
        CliTest.Run c = CliTest.run("validate", resize.toString());
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("resize.onnx:2:1: /graph/node/1: SpaceToDepth 'up' (node 2): operator SpaceToDepth is not supported")
                .contains("--skip-unsupported");
        // a SpaceToDepth changes the map: skipping it as an identity would change the layers after it (issue 16)
        CliTest.Run d0 = CliTest.run("describe", "workload", resize.toString(), "--skip-unsupported");
        assertThat(d0.exit()).isEqualTo(2);
        assertThat(d0.err()).contains("resize.onnx:2:1: /graph/node/1: SpaceToDepth 'up' (node 2): operator SpaceToDepth is not supported and cannot be skipped");
        Path mish = write(tmp, "mish.onnx", twoConvs(1, 3, 32, 32).addNode(node("Conv", "c1", new String[] {"x", "w1"}, "y"))
                .addNode(node("Mish", "up", new String[] {"y"}, "y2")).addNode(node("Conv", "c2", new String[] {"y2", "w2"}, "z")).build());
        CliTest.Run d = CliTest.run("describe", "workload", mish.toString(), "--skip-unsupported");
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.err()).contains("mish.onnx:2:1: /graph/node/1: warning: Mish 'up' (node 2): unsupported operator skipped");
        assertThat(d.out()).contains("2 layers").contains("fused ONNX nodes: none");
        CliTest.Run alex = CliTest.run("describe", "workload", OnnxGraphs.write(tmp, "alexnet.onnx", ZooNetworks.alexnet().graph()).toString());
        assertThat(alex.out()).contains("fused into their producers, no cost (docs/onnx.md): Dropout × 2, Flatten × 1, LRN × 2, Relu × 7, Softmax × 1");
        // a cycle: c1 reads c2's output
        Path cyclic = write(tmp, "cyclic.onnx", twoConvs(1, 3, 32, 32).addNode(node("Conv", "c1", new String[] {"z", "w1"}, "y"))
                .addNode(node("Conv", "c2", new String[] {"y", "w2"}, "z")).build());
        CliTest.Run e = CliTest.run("validate", cyclic.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains("cyclic.onnx:1:1: /graph/node/0: Conv 'c1' (node 1): reads 'z', which node 2 (Conv) produces later or in a cycle")
                .contains("Maybe the graph must be acyclic");
        // grouped convolutions with a channel count that does not divide: a shape error at the node
        Path empty = write(tmp, "empty.onnx", OnnxMl.GraphProto.newBuilder().setName("g").build());
        CliTest.Run f = CliTest.run("validate", empty.toString());
        assertThat(f.exit()).isEqualTo(2);
        assertThat(f.err()).contains("no graph nodes");
    }

    @Test
    void precisionsFromTheCommandLine(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("describe", "workload", OnnxGraphs.write(tmp, "two-convs.onnx", ZooNetworks.twoConvolutions().graph())
                .toString(), "--precision", "4,4,16,4", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"weight_bits\" : 4608"); // 2 × 8·8·3·3 weights at 4 bits (9216 at the default 8)
        CliTest.Run bad = CliTest.run("evaluate", "--workload", fsrcnn().toString(), "--accelerator", "x.yaml", "--tile", "1x1", "--precision", "8,8");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("precision '8,8' is not four numbers").contains("Maybe 8,8,16,8");
        // a precision too large for an int used to be "is not four numbers"; 0 had no hint
        for (String[] c : new String[][] {{"99999999999,8,16,8", "--precision W must be from 1 to 64 bits, found 99999999999"},
            {"8,0,16,8", "--precision I must be from 1 to 64 bits, found 0"}, {"8,8,x,8", "--precision O must be an integer (from 1 to 64 bits), found 'x'"}}) {
            CliTest.Run r2 = CliTest.run("describe", "workload", fsrcnn().toString(), "--precision", c[0]);
            assertThat(r2.exit()).as(c[0]).isEqualTo(2);
            assertThat(r2.err()).as(c[0]).startsWith("defines describe: " + c[1] + " in '" + c[0] + "'")
                    .contains("  Maybe --precision 8,8,16,8 (W,I,O,O_final)");
        }
    }
}
