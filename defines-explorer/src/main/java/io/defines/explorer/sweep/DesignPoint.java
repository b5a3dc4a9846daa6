package io.defines.explorer.sweep;

import io.defines.core.compat.CompatFlags;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One fully resolved design point of a sweep: the three input files and the schedule (one tile size
 * and one strategy pair for every stack, as an exploration's grid point is).
 *
 * @param overlap  the strategy as the user wrote it (a DeFiNES mode name or {@code h=…,v=…}), for the CSV
 * @param onnx     how an ONNX workload is imported (ignored for YAML workloads)
 */
public record DesignPoint(Path workload, Path accelerator, Path mapping, String overlap, Schedule schedule, OnnxOptions onnx) {

    public DesignPoint {
        Objects.requireNonNull(workload);
        Objects.requireNonNull(accelerator);
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(schedule);
        Objects.requireNonNull(onnx);
    }

    /**
     * A grid point: {@code compat} is {@code defines2023} or {@code fixed}; {@code cuts} the text form of a
     * {@link CutPolicy} ({@code auto}, {@code none}, {@code layer-by-layer} or ids joined by {@code ;}).
     */
    public DesignPoint(Path workload, Path accelerator, Path mapping, long tileX, long tileY, String overlap,
                       OverlapStrategy horizontal, OverlapStrategy vertical, int lpfLimit, String compat, String cuts, OnnxOptions onnx) {
        this(workload, accelerator, mapping, overlap, Schedule.uniform(new TileSize(tileX, tileY), horizontal, vertical,
                CutPolicy.parse(cuts), lpfLimit, CompatFlags.parse(compat)), onnx);
    }

    /** With the default ONNX import options. */
    public DesignPoint(Path workload, Path accelerator, Path mapping, long tileX, long tileY, String overlap,
                       OverlapStrategy horizontal, OverlapStrategy vertical, int lpfLimit, String compat, String cuts) {
        this(workload, accelerator, mapping, tileX, tileY, overlap, horizontal, vertical, lpfLimit, compat, cuts, OnnxOptions.DEFAULT);
    }

    private StackSettings settings() {
        return schedule.stacks().get(0);
    }

    public long tileX() {
        return settings().tile().x();
    }

    public long tileY() {
        return settings().tile().y();
    }

    public OverlapStrategy horizontal() {
        return settings().horizontal();
    }

    public OverlapStrategy vertical() {
        return settings().vertical();
    }

    public int lpfLimit() {
        return schedule.lpfLimit();
    }

    /** {@code defines2023} or {@code fixed}, as in points.csv. */
    public String compat() {
        return schedule.flags().equals(CompatFlags.DEFINES_2023) ? "defines2023" : "fixed";
    }

    /** The cut policy's text form, as in points.csv and the point key. */
    public String cuts() {
        return schedule.cuts().text();
    }
}
