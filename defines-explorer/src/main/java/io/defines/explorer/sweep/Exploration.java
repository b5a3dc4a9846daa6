package io.defines.explorer.sweep;

import io.defines.core.mapper.TemporalMapper;
import java.nio.file.Path;
import java.util.List;

/**
 * A resolved exploration: its design points in sweep order, the Pareto objectives, the output folder,
 * whether details.jsonl is written (large sweeps may turn it off), and whether it asks for the optimal
 * schedule per workload × accelerator ({@code search: optimal}; the points' tiles and overlap strategies
 * are then the optimizer's candidates) instead of every point ({@code search: grid}).
 */
public record Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out, boolean details, boolean optimal,
                          String mapper) {

    public Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out) {
        this(name, points, objectives, out, true, false, TemporalMapper.DEFAULT);
    }

    public Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out, boolean details) {
        this(name, points, objectives, out, details, false, TemporalMapper.DEFAULT);
    }

    public Exploration {
        points = List.copyOf(points);
        objectives = List.copyOf(objectives);
    }
}
