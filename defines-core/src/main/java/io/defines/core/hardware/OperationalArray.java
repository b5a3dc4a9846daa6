package io.defines.core.hardware;

import java.util.List;
import java.util.Optional;

/**
 * The MAC array: its dimensions in declaration order and the energy of one MAC.
 *
 * @param macEnergyPj energy per MAC operation (ZigZag's unit_energy)
 * @param unitArea area per MAC unit (ZigZag's unit_area), unused by the cost model
 * @param inMemoryComputing ZigZag's is_imc flag; the DeFiNES model covers digital arrays only
 * @param controlOverheadCycles cycles the controller adds each time a layer runs on a tile (a defines
 *                              extension, {@code control_overhead_cycles}; 0 in DeFiNES and ZigZag)
 */
public record OperationalArray(List<ArrayDimension> dimensions, double macEnergyPj, double unitArea,
                               boolean inMemoryComputing, long controlOverheadCycles) {

    public OperationalArray {
        dimensions = List.copyOf(dimensions);
        if (controlOverheadCycles < 0) {
            throw new IllegalArgumentException("control overhead must not be negative: " + controlOverheadCycles);
        }
    }

    /** Without control overhead (DeFiNES, ZigZag). */
    public OperationalArray(List<ArrayDimension> dimensions, double macEnergyPj, double unitArea, boolean inMemoryComputing) {
        this(dimensions, macEnergyPj, unitArea, inMemoryComputing, 0);
    }

    /** Number of MAC units: the product of all dimension sizes. */
    public long totalUnits() {
        long n = 1;
        for (ArrayDimension d : dimensions) {
            n *= d.size();
        }
        return n;
    }

    public Optional<ArrayDimension> dimension(String name) {
        return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
