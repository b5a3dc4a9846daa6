package io.defines.explorer.sweep;

import io.defines.core.schedule.OverlapStrategy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One fully resolved design point of a sweep: the three input files and the schedule.
 *
 * @param overlap  the strategy as the user wrote it (a DeFiNES mode name or {@code h=…,v=…}), for the CSV
 * @param compat   {@code defines2023} or {@code fixed}
 * @param cuts     {@code auto} (DeFiNES' automatic cuts), {@code none}, {@code layer-by-layer} or layer ids
 *                 joined by {@code ;}
 * @param onnx     how an ONNX workload is imported (ignored for YAML workloads)
 */
public record DesignPoint(Path workload, Path accelerator, Path mapping, long tileX, long tileY, String overlap,
                          OverlapStrategy horizontal, OverlapStrategy vertical, int lpfLimit, String compat, String cuts,
                          io.defines.core.onnx.OnnxOptions onnx) {

    /** With the default ONNX import options. */
    public DesignPoint(Path workload, Path accelerator, Path mapping, long tileX, long tileY, String overlap,
                       OverlapStrategy horizontal, OverlapStrategy vertical, int lpfLimit, String compat, String cuts) {
        this(workload, accelerator, mapping, tileX, tileY, overlap, horizontal, vertical, lpfLimit, compat, cuts,
                io.defines.core.onnx.OnnxOptions.DEFAULT);
    }

    public DesignPoint {
        Objects.requireNonNull(workload);
        Objects.requireNonNull(accelerator);
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(horizontal);
        Objects.requireNonNull(vertical);
        Objects.requireNonNull(onnx);
        if (tileX <= 0 || tileY <= 0) {
            throw new IllegalArgumentException("tile sizes are positive, not " + tileX + "x" + tileY);
        }
    }
}
