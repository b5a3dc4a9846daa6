package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.optimize.ScheduleOptimizer;
import io.defines.core.optimize.SchedulePoint;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imported ONNX networks (ResNet-18 and MobileNetV2 as PyTorch exports them, at a small resolution so
 * that the search stays short) optimize as the YAML library does: a front whose every schedule computes
 * each layer once, whose best is never worse than DeFiNES' automatic cuts with either candidate, and
 * whose best evaluated whole gives its numbers.
 */
class ImportedNetworksOptimizeTest {

    private static final List<StackSettings> CANDIDATES = List.of(
            new StackSettings(new TileSize(4, 4), OverlapStrategy.CACHE, OverlapStrategy.CACHE),
            new StackSettings(new TileSize(1 << 20, 1 << 20), OverlapStrategy.CACHE, OverlapStrategy.CACHE));

    @TempDir
    Path tmp;

    @Test
    void resnet18() {
        check("resnet18", ZooNetworks.resnet18(32));
    }

    @Test
    void mobilenetV2() {
        check("mobilenet-v2", ZooNetworks.mobilenetV2(32));
    }

    private void check(String name, ZooNetworks.Net net) {
        Workload w = OnnxImporter.read(write(tmp, name + ".onnx", net.graph()), OnnxOptions.DEFAULT).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        ScheduleOptimizer.Result r = new ScheduleOptimizer(engine, w)
                .optimize(new ScheduleOptimizer.Space(CANDIDATES, 4, CompatFlags.FIXED, Long.MAX_VALUE));
        assertThat(r.front()).as(name).isNotEmpty();
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        for (SchedulePoint p : r.front()) {
            assertThat(p.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(name).isEqualTo(layers);
            assertThat(p.macCount()).as(name + ": fully cached, no MAC computed twice").isEqualTo(net.macs());
        }
        SchedulePoint best = r.front().stream().min(java.util.Comparator.comparingDouble(SchedulePoint::energyPj)).orElseThrow();
        for (StackSettings c : CANDIDATES) {
            ScheduleOutcome grid = engine.evaluate(Schedule.uniform(c.tile(), c.horizontal(), c.vertical(), CutPolicy.AUTO, 4, CompatFlags.FIXED));
            if (grid instanceof ScheduleOutcome.Feasible f) {
                assertThat(best.energyPj()).as(name + " vs DeFiNES' cuts with " + c).isLessThanOrEqualTo(f.result().energyPj());
            }
        }
        ScheduleResult whole = engine.evaluate(best.plan(4, CompatFlags.FIXED).schedule(w)).orThrow();
        assertThat(whole.energyPj()).as(name).isEqualTo(best.energyPj());
        assertThat(whole.latencyCycles()).as(name).isEqualTo(best.latencyCycles());
        assertThat(whole.onChipPeakBits()).as(name).isEqualTo(best.onChipPeakBits());
    }
}
