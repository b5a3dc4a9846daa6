package io.defines.explorer.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A resolved exploration: its design points in sweep order, the Pareto objectives, the output folder,
 * and whether details.jsonl is written (large sweeps may turn it off).
 */
public record Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out, boolean details) {

    public Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out) {
        this(name, points, objectives, out, true);
    }

    public Exploration {
        points = List.copyOf(points);
        objectives = List.copyOf(objectives);
    }
}
