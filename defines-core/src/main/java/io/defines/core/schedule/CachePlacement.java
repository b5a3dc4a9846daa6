package io.defines.core.schedule;

import io.defines.core.hardware.Memory;

/** Where an overlap cache is made ({@code level}, null = none) and the on-chip bits alive with it counted. */
public record CachePlacement(Memory level, long peakBits) {
}
