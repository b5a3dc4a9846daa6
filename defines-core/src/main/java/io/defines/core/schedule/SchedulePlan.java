package io.defines.core.schedule;

import io.defines.core.compat.CompatFlags;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A schedule as a schedule file states it (docs/schedules.md): the stacks in order, each with its
 * layers and its tile size and overlap strategies, the LOMA limit, the compatibility mode and the
 * single-layer mapper (a {@link TemporalMapper} name). A DeFiNES grid point is one
 * such plan; {@link #schedule} gives the engine's {@link Schedule}.
 */
public record SchedulePlan(List<StackPlan> stacks, int lpfLimit, CompatFlags flags, String mapper) {

    /**
     * One stack: its layer ids (any order), its settings, and the outputs it writes for later stacks that
     * wait in an on-chip memory (layer id → memory name; empty: all off chip).
     */
    public record StackPlan(List<Integer> layers, StackSettings settings, Map<Integer, String> onChip) {

        public StackPlan {
            layers = List.copyOf(layers);
            onChip = Map.copyOf(onChip);
        }

        public StackPlan(List<Integer> layers, StackSettings settings) {
            this(layers, settings, Map.of());
        }
    }

    /** With the default mapper ({@link TemporalMapper#DEFAULT}). */
    public SchedulePlan(List<StackPlan> stacks, int lpfLimit, CompatFlags flags) {
        this(stacks, lpfLimit, flags, TemporalMapper.DEFAULT);
    }

    public SchedulePlan {
        if (TemporalMapper.byName(mapper).isEmpty()) {
            throw new IllegalArgumentException("no mapper called " + mapper + "; the mappers are " + TemporalMapper.names());
        }
        stacks = List.copyOf(stacks);
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("a schedule plan has at least one stack");
        }
    }

    /**
     * The engine's schedule: a cut after the topologically last layer of every stack but the last, and
     * each stack's own settings. Whether the engine's stacks for these cuts are the listed ones is for
     * the caller to check against the result (a stack that is no run of the topological order is not).
     */
    public Schedule schedule(Workload workload) {
        Map<Integer, Integer> position = new HashMap<>();
        List<Layer> order = workload.topologicalOrder();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i).id(), i);
        }
        List<Integer> cuts = new ArrayList<>();
        for (int s = 0; s < stacks.size() - 1; s++) {
            cuts.add(stacks.get(s).layers().stream().max((a, b) -> Integer.compare(position.get(a), position.get(b))).orElseThrow());
        }
        CutPolicy policy = stacks.size() == 1 ? CutPolicy.FUSED : new CutPolicy.After(cuts);
        // the file states each stack's layers: DeFiNES' stack rule (ancestry, cut after layer 0 ignored) does not apply
        Map<Integer, String> onChip = new HashMap<>();
        stacks.forEach(st -> onChip.putAll(st.onChip()));
        return new Schedule(policy, stacks.stream().map(StackPlan::settings).toList(), lpfLimit, flags.stacksAsListed(), onChip);
    }

    /** The same plan searched by the mapper called {@code name}. */
    public SchedulePlan withMapper(String name) {
        return new SchedulePlan(stacks, lpfLimit, flags, name);
    }

    /** The plan as schedule-file YAML ({@code mapper} only when it is not the default). */
    public String toYaml() {
        StringBuilder sb = new StringBuilder("# a defines schedule (docs/schedules.md)\n");
        sb.append("lpf_limit: ").append(lpfLimit).append('\n');
        sb.append("compat: ").append(flags.equals(CompatFlags.DEFINES_2023) ? "defines2023" : "fixed").append('\n');
        if (!mapper.equals(TemporalMapper.DEFAULT)) {
            sb.append("mapper: ").append(mapper).append('\n');
        }
        sb.append("stacks:\n");
        for (StackPlan s : stacks) {
            sb.append("  - layers: ").append(s.layers()).append('\n');
            sb.append("    tile: ").append(s.settings().tile()).append('\n');
            sb.append("    overlap: ").append(s.settings().overlapText()).append('\n');
            if (!s.onChip().isEmpty()) {
                sb.append("    on_chip:\n");
                new TreeMap<>(s.onChip()).forEach((layer, memory) -> sb.append("      ").append(layer).append(": ").append(memory).append('\n'));
            }
        }
        return sb.toString();
    }
}
