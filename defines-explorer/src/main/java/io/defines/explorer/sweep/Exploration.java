package io.defines.explorer.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A resolved exploration: its design points in sweep order, the Pareto objectives, the output folder,
 * whether details.jsonl is written (large sweeps may turn it off), and whether it asks for the optimal
 * schedule per workload × accelerator ({@code search: optimal}; the points' tiles and overlap strategies
 * are then the optimizer's candidates) instead of every point ({@code search: grid}).
 */
public record Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out, boolean details, boolean optimal) {

    public Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out) {
        this(name, points, objectives, out, true, false);
    }

    public Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out, boolean details) {
        this(name, points, objectives, out, details, false);
    }

    public Exploration {
        points = List.copyOf(points);
        objectives = List.copyOf(objectives);
    }
}
