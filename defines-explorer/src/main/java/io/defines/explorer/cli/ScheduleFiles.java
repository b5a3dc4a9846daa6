package io.defines.explorer.cli;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Schedule files next to an evaluation: the evaluated schedule written as one, and whether a result has a plan's stacks. */
final class ScheduleFiles {

    private ScheduleFiles() {
    }

    /** The plan of an evaluated schedule: its stacks as the engine made them, with their settings. */
    static SchedulePlan planOf(ScheduleResult r, int lpfLimit, CompatFlags flags, String mapper) {
        return StackResult.plan(r.stacks(), lpfLimit, flags).withMapper(mapper);
    }

    static void write(Path file, ScheduleResult r, int lpfLimit, CompatFlags flags, String mapper) {
        try {
            Files.writeString(file, planOf(r, lpfLimit, flags, mapper).toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the result's stacks hold the plan's layers, stack by stack. */
    static boolean sameStacks(SchedulePlan plan, ScheduleResult r) {
        if (plan.stacks().size() != r.stacks().size()) {
            return false;
        }
        for (int i = 0; i < plan.stacks().size(); i++) {
            Set<Integer> listed = new HashSet<>(plan.stacks().get(i).layers());
            if (!listed.equals(new HashSet<>(r.stacks().get(i).layerIds()))) {
                return false;
            }
        }
        return true;
    }

    static List<List<Integer>> stacksOf(ScheduleResult r) {
        return r.stacks().stream().map(StackResult::layerIds).toList();
    }

    static List<Integer> order(Workload w) {
        return w.topologicalOrder().stream().map(Layer::id).toList();
    }
}
