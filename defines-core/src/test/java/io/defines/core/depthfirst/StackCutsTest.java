package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DeFiNES' automatic stack cuts for all 10 accelerators × 5 workloads (defines-inputs §1.7). */
class StackCutsTest {

    static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    static List<Integer> expected(String accelerator, String workload, int lastId) {
        if (accelerator.equals("tpu-like")) {
            List<Integer> all = new ArrayList<>(List.of(-1));
            all.addAll(range(0, lastId)); // no on-chip weight buffer: every unit overflows
            return all;
        }
        if (accelerator.equals("edge-tpu-like")) {
            return switch (workload) {
                case "fsrcnn" -> List.of();
                case "dmcnn-vd" -> range(0, 18);
                case "mccnn" -> range(0, 3);
                case "mobilenet-v1" -> range(7, 28);
                default -> range(1, 27);
            };
        }
        return switch (workload) {
            case "mobilenet-v1" -> List.of(17, 23, 25, 27);
            case "resnet18" -> List.of(13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);
            default -> List.of();
        };
    }

    @ParameterizedTest
    @CsvSource({"meta-prototype", "meta-prototype-df", "tpu-like", "tpu-like-df", "edge-tpu-like", "edge-tpu-like-df",
        "ascend-like", "ascend-like-df", "tesla-npu-like", "tesla-npu-like-df"})
    void cutListsMatchDefines(String accelerator) {
        String family = accelerator.replace("-df", "");
        for (String wl : List.of("fsrcnn", "dmcnn-vd", "mccnn", "mobilenet-v1", "resnet18")) {
            Workload w = LIB.workload(wl);
            List<Integer> cuts = StackCuts.automatic(w, LIB.mapping(family, wl), LIB.accelerator(accelerator));
            assertThat(cuts).as(accelerator + " " + wl).isEqualTo(expected(accelerator, wl, w.layers().size() - 1));
        }
    }
}
