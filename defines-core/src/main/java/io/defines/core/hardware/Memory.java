package io.defines.core.hardware;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One memory of the hierarchy, as listed in the accelerator file.
 *
 * @param index position in the file's listing (0 = first); per operand, lower index = closer to the array
 * @param sizeBits capacity of one instance in bits
 * @param readEnergyPj energy of one full-width read access (ZigZag r_cost)
 * @param writeEnergyPj energy of one full-width write access (ZigZag w_cost)
 * @param operands memory operands stored here, in the order the file lists them
 * @param servedDimensions array dimensions one instance serves; the others are unrolled (instances)
 */
public record Memory(String name, int index, long sizeBits, double readEnergyPj, double writeEnergyPj,
                     double area, int latencyCycles, List<MemoryOperand> operands, List<Port> ports,
                     List<String> servedDimensions, boolean forceDoubleBuffering) {

    public Memory {
        Objects.requireNonNull(name);
        operands = List.copyOf(operands);
        ports = List.copyOf(ports);
        servedDimensions = List.copyOf(servedDimensions);
    }

    /** The same memory with another capacity per instance. */
    public Memory withSizeBits(long bits) {
        return new Memory(name, index, bits, readEnergyPj, writeEnergyPj, area, latencyCycles, operands, ports, servedDimensions,
                forceDoubleBuffering);
    }

    /** The same memory with each read and write {@code factor}× as dear. */
    public Memory withAccessEnergiesScaled(double factor) {
        return new Memory(name, index, sizeBits, readEnergyPj * factor, writeEnergyPj * factor, area, latencyCycles, operands, ports,
                servedDimensions, forceDoubleBuffering);
    }

    /** The same memory with other ports. */
    public Memory withPorts(List<Port> others) {
        return new Memory(name, index, sizeBits, readEnergyPj, writeEnergyPj, area, latencyCycles, operands, others, servedDimensions,
                forceDoubleBuffering);
    }

    public boolean holds(MemoryOperand operand) {
        return operands.contains(operand);
    }

    /** The port carrying {@code operand} in {@code direction}, if any. */
    public Optional<Port> port(MemoryOperand operand, DataDirection direction) {
        return ports.stream().filter(p -> p.serves(operand, direction)).findFirst();
    }

    /**
     * Number of physical instances of this memory: the product of the sizes of the array
     * dimensions it does not serve (each instance sits below the unrolling of those dimensions).
     */
    public long instanceCount(OperationalArray array) {
        long n = 1;
        for (ArrayDimension d : array.dimensions()) {
            if (!servedDimensions.contains(d.name())) {
                n *= d.size();
            }
        }
        return n;
    }

    /** Widest read bandwidth over the ports that read (bits/cycle): DeFiNES' r_bw; 0 when nothing reads. */
    public long readBandwidthBits() {
        long best = 0;
        for (Port p : ports) {
            if (p.type() != PortType.WRITE) {
                best = Math.max(best, p.bandwidthMaxBits());
            }
        }
        return best;
    }

    /** Widest write bandwidth over the ports that write (bits/cycle); 0 when nothing writes. */
    public long writeBandwidthBits() {
        long best = 0;
        for (Port p : ports) {
            if (p.type() != PortType.READ) {
                best = Math.max(best, p.bandwidthMaxBits());
            }
        }
        return best;
    }

    /** Smallest read granularity (DeFiNES' min_r_granularity): bandwidth_min of the widest reading port. */
    public long readGranularityBits() {
        return ports.stream().filter(p -> p.type() != PortType.WRITE)
                .max(Comparator.comparingLong(Port::bandwidthMaxBits))
                .map(Port::bandwidthMinBits).orElse(0L);
    }

    /** Smallest write granularity (DeFiNES' min_w_granularity): bandwidth_min of the widest writing port. */
    public long writeGranularityBits() {
        return ports.stream().filter(p -> p.type() != PortType.READ)
                .max(Comparator.comparingLong(Port::bandwidthMaxBits))
                .map(Port::bandwidthMinBits).orElse(0L);
    }
}
