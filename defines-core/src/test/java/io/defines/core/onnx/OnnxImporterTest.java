package io.defines.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.load.Inputs;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-known networks, built node by node as their public exports are (ZooNetworks), import, and
 * their layer counts and MACs equal figures computed here independently from the published
 * architectures.
 */
class OnnxImporterTest {

    @TempDir
    static Path tmp;

    static Path model(String name, ZooNetworks.Net net) {
        return OnnxGraphs.write(tmp, name + ".onnx", net.graph());
    }

    static Workload read(Path p) {
        Parsed<Workload> w = Inputs.readWorkload(p);
        assertThat(w.errors()).as(p.toString()).isEmpty();
        return w.value();
    }

    static long macs(Workload w, String type) {
        return w.layers().stream().filter(l -> l.operatorType().equals(type)).mapToLong(Layer::macCount).sum();
    }

    static long conv(long k, long c, long oy, long ox, long f) {
        return k * c * oy * ox * f * f;
    }

    /**
     * ResNet-18 at 224×224 (He et al. 2016, Table 1): conv1 7×7/2 → 112², max-pool 3×3/2 → 56², four
     * stages of two basic blocks (two 3×3 convs each) at 64/128/256/512 channels and 56²/28²/14²/7²,
     * 1×1/2 projection shortcuts into stages 2–4, global average pool, FC 512 → 1000.
     */
    @Test
    void resnet18MatchesTheArchitecture() {
        Workload w = read(model("resnet18", ZooNetworks.resnet18(224)));
        long convs = conv(64, 3, 112, 112, 7);
        long[] ch = {64, 128, 256, 512};
        long[] size = {56, 28, 14, 7};
        for (int s = 0; s < 4; s++) {
            long cin = s == 0 ? 64 : ch[s - 1];
            convs += conv(ch[s], cin, size[s], size[s], 3) + conv(ch[s], ch[s], size[s], size[s], 3); // block 1
            convs += 2 * conv(ch[s], ch[s], size[s], size[s], 3);                                     // block 2
            if (s > 0) {
                convs += conv(ch[s], cin, size[s], size[s], 1);                                       // projection
            }
        }
        long fc = 512L * 1000;
        assertThat(convs).isEqualTo(1_813_561_344L);
        assertThat(macs(w, "Conv")).isEqualTo(convs);
        assertThat(macs(w, "Gemm")).isEqualTo(fc);
        assertThat(convs + fc).isEqualTo(1_814_073_344L); // "≈ 1.81 G MACs incl. the FC layer"
        // max pool 64×56²×3², global average pool 512×7², 8 additions of the block outputs
        long adds = 2 * (64 * 56 * 56 + 128 * 28 * 28 + 256 * 14 * 14 + 512 * 7 * 7);
        assertThat(macs(w, "Pooling")).isEqualTo(64L * 56 * 56 * 9 + 512 * 49);
        assertThat(macs(w, "Add")).isEqualTo(adds);
        assertThat(w.macCount()).isEqualTo(1_816_657_408L);
        assertThat(w.layers()).hasSize(31);
        assertThat(w.layers().stream().filter(l -> l.operatorType().equals("Add"))).hasSize(8);
    }

    /** MobileNetV2 1.0 at 224 (Sandler et al. 2018, Table 2), with the Clip (ReLU6) nodes fused. */
    @Test
    void mobilenetV2MatchesTheArchitecture() {
        Workload w = read(model("mobilenetv2", ZooNetworks.mobilenetV2(224)));
        long[][] blocks = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        long convMacs = conv(32, 3, 112, 112, 3);
        long dwMacs = 0;
        long addElems = 0;
        long cin = 32;
        long hw = 112;
        int layers = 1;
        for (long[] b : blocks) {
            for (int i = 0; i < b[2]; i++) {
                long stride = i == 0 ? b[3] : 1;
                long hidden = cin * b[0];
                if (b[0] != 1) {
                    convMacs += conv(hidden, cin, hw, hw, 1);
                    layers++;
                }
                long out = hw / stride;
                dwMacs += hidden * out * out * 9;
                convMacs += conv(b[1], hidden, out, out, 1);
                layers += 2;
                if (stride == 1 && cin == b[1]) {
                    addElems += b[1] * out * out;
                    layers++;
                }
                cin = b[1];
                hw = out;
            }
        }
        convMacs += conv(1280, 320, 7, 7, 1);
        layers += 3; // last 1×1 conv, global average pool, classifier
        assertThat(macs(w, "Conv")).isEqualTo(convMacs + dwMacs);
        assertThat(macs(w, "Gemm")).isEqualTo(1280L * 1000);
        assertThat(macs(w, "Add")).isEqualTo(addElems);
        assertThat(macs(w, "Pooling")).isEqualTo(1280L * 49);
        assertThat(w.layers()).hasSize(layers);
        assertThat(convMacs + dwMacs + 1280L * 1000).isEqualTo(300_774_272L);
        // depthwise layers use the G dimension
        assertThat(w.layers().stream().filter(l -> l.loopSizes().containsKey("G") && l.operatorType().equals("Conv"))).hasSize(17);
    }

    /**
     * AlexNet as in the ONNX model zoo (bvlc_alexnet, with 2-group conv2/4/5): exact MACs for every
     * layer; the grouped convolutions come with a warning about how their input is counted.
     */
    @Test
    void alexnetWithGroupedConvolutions() {
        Parsed<Workload> p = Inputs.readWorkload(model("alexnet", ZooNetworks.alexnet()));
        assertThat(p.errors()).isEmpty();
        assertThat(p.diagnostics()).isEmpty();
        Workload w = p.value();
        long expected = conv(96, 3, 54, 54, 11) + conv(256, 48, 26, 26, 5) + conv(384, 256, 12, 12, 3) + conv(384, 192, 12, 12, 3)
                + conv(256, 192, 12, 12, 3);
        assertThat(macs(w, "Conv")).isEqualTo(expected);
        // fc6 reads the flattened 256×6×6 map: written as a 6×6 convolution, fc7 and fc8 as 1×1
        assertThat(macs(w, "Gemm")).isEqualTo(9216L * 4096 + 4096L * 4096 + 4096L * 1000);
        Layer fc6 = w.layers().stream().filter(l -> l.operatorType().equals("Gemm")).findFirst().orElseThrow();
        assertThat(fc6.loopSizes()).containsEntry("C", 256L).containsEntry("FY", 6L).containsEntry("FX", 6L).containsEntry("OY", 1L);
        // conv2, conv4 and conv5 in 2 groups: two layers each, each reading its half of the input's channels
        assertThat(w.layers()).hasSize(14);
        Layer conv4b = w.layers().stream().filter(l -> l.name().endsWith("/g1") && l.loopSize("K") == 192).findFirst().orElseThrow();
        assertThat(conv4b.loopSizes()).containsEntry("C", 192L);
        assertThat(conv4b.inputs()).singleElement().satisfies(in -> {
            assertThat(in.part().producerOffset()).isEqualTo(192);
            assertThat(in.part().length()).isEqualTo(192);
        });
        assertThat(conv4b.inputElements()).isEqualTo(192L * 12 * 12); // its half of conv3's 12 × 12 map (padding is not stored)
    }

    /** FSRCNN exported with "same" padding is the padded FSRCNN of workloads/fsrcnn-same-960x540.yaml, layer by layer. */
    @Test
    void fsrcnnEqualsTheHandWrittenPaddedFsrcnn() {
        Workload onnx = read(model("fsrcnn", ZooNetworks.fsrcnn()));
        Workload yaml = read(RepoPaths.root().resolve("workloads/fsrcnn-same-960x540.yaml"));
        assertThat(onnx.layers()).hasSameSizeAs(yaml.layers());
        for (int i = 0; i < onnx.layers().size(); i++) {
            // the ONNX 1×1 convolutions keep FY = FX = 1 loops that the hand-written layers leave out
            assertThat(withoutOnes(onnx.layers().get(i).loopSizes())).as("layer %d", i).isEqualTo(withoutOnes(yaml.layers().get(i).loopSizes()));
        }
        assertThat(onnx.macCount()).isEqualTo(8_290_252_800L).isEqualTo(yaml.macCount());
        Workload two = read(model("two-convs", ZooNetworks.twoConvolutions()));
        assertThat(two.layers()).hasSize(2);
        assertThat(two.macCount()).isEqualTo(2 * conv(8, 8, 56, 56, 3));
    }

    static Map<String, Long> withoutOnes(Map<String, Long> m) {
        Map<String, Long> out = new java.util.TreeMap<>(m);
        out.values().removeIf(v -> v == 1);
        return out;
    }
}
