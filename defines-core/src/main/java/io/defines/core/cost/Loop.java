package io.defines.core.cost;

/**
 * One loop of a mapping: a layer dimension (or a pr-decoupled {@code IX_r}/{@code IX_ir}) and its
 * size, a double because spatial unrollings may be fractional (DeFiNES clips u = L/ceil(L/u0)).
 */
public record Loop(String dim, double size) {

    @Override
    public String toString() {
        return size == Math.rint(size) ? dim + (long) size : dim + size;
    }
}
