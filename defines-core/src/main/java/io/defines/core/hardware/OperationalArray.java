package io.defines.core.hardware;

import java.util.List;
import java.util.Optional;

/**
 * The MAC array: its dimensions in declaration order and the energy of one MAC.
 *
 * @param macEnergyPj energy per MAC operation (ZigZag's unit_energy)
 * @param unitArea area per MAC unit (ZigZag's unit_area), unused by the cost model
 * @param inMemoryComputing ZigZag's is_imc flag; the DeFiNES model covers digital arrays only
 */
public record OperationalArray(List<ArrayDimension> dimensions, double macEnergyPj, double unitArea,
                               boolean inMemoryComputing) {

    public OperationalArray {
        dimensions = List.copyOf(dimensions);
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
