package io.defines.core.cost;

import io.defines.core.hardware.DataDirection;

/** Index constants for the four data directions of one memory level, in DeFiNES' naming. */
final class Directions {
    static final int RD_OUT_TO_LOW = 0;
    static final int WR_IN_BY_LOW = 1;
    static final int RD_OUT_TO_HIGH = 2;
    static final int WR_IN_BY_HIGH = 3;

    private Directions() {
    }

    static boolean isWrite(int d) {
        return d == WR_IN_BY_LOW || d == WR_IN_BY_HIGH;
    }

    static boolean isLowSide(int d) {
        return d == RD_OUT_TO_LOW || d == WR_IN_BY_LOW;
    }

    static int of(DataDirection d) {
        return switch (d) {
            case TO_LOW -> RD_OUT_TO_LOW;
            case FROM_LOW -> WR_IN_BY_LOW;
            case TO_HIGH -> RD_OUT_TO_HIGH;
            case FROM_HIGH -> WR_IN_BY_HIGH;
        };
    }
}
