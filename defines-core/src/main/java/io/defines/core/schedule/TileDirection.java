package io.defines.core.schedule;

/** The two directions in which neighbouring tiles overlap: along a row (horizontal) and between rows (vertical). */
public enum TileDirection {
    HORIZONTAL, VERTICAL
}
