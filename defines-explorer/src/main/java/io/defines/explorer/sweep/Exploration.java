package io.defines.explorer.sweep;

import java.nio.file.Path;
import java.util.List;

/** A resolved exploration: its design points in sweep order, the Pareto objectives and the output folder. */
public record Exploration(String name, List<DesignPoint> points, List<Objective> objectives, Path out) {
    public Exploration {
        points = List.copyOf(points);
        objectives = List.copyOf(objectives);
    }
}
