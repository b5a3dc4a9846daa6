package io.defines.explorer.cli;

import io.defines.core.compat.CompatFlags;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.input.IntRange;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.TileSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters from command-line text to the schedule's typed values. A rejected value is a
 * {@link TypeConversionException} whose message ends in ". Maybe …", which {@link Main} prints as the
 * command's error and hint.
 */
final class Converters {

    private Converters() {
    }

    static final class Tile implements ITypeConverter<TileSize> {
        @Override
        public TileSize convert(String value) {
            try {
                return TileSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--tile " + e.getMessage() + ". Maybe --tile 60x72");
            }
        }
    }

    /** An overlap strategy per direction: DeFiNES' mode names or {@code h=<s>,v=<s>}. */
    static final class Overlap implements ITypeConverter<OverlapPair> {
        @Override
        public OverlapPair convert(String value) {
            try {
                return OverlapPair.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--overlap " + e.getMessage() + ". Maybe fully-recompute, "
                        + "h-cached-v-recompute, fully-cached, or h=<s>,v=<s> with " + String.join(", ", OverlapStrategy.names()));
            }
        }
    }

    static final class Cuts implements ITypeConverter<CutPolicy> {
        @Override
        public CutPolicy convert(String value) {
            try {
                return CutPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--" + e.getMessage()
                        + ". Maybe --cuts 3,7 (distinct layer ids after which a new stack starts) or --cuts none (one stack)");
            }
        }
    }

    /** LOMA's loop-prime-factor limit: an integer from 1 to 64 (0 or less used to hang the search). */
    static class LpfLimit implements ITypeConverter<Integer> {
        String option() {
            return "--lpf-limit";
        }

        @Override
        public Integer convert(String value) {
            try {
                return (int) IntRange.LPF_LIMIT.parse(value, option());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + ". Maybe " + option() + " 6 (fast) or 8 (DeFiNES' default)");
            }
        }
    }

    /** {@code --mapper NAME}: a mapper of {@link TemporalMapper#registry()}. */
    static final class Mapper implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (TemporalMapper.byName(value).isPresent()) {
                return value;
            }
            String close = io.defines.core.input.MapReader.closest(value.contains(":") ? value.substring(0, value.indexOf(':')) : value,
                    TemporalMapper.names());
            throw new TypeConversionException("no mapper called '" + value + "'; the mappers are " + TemporalMapper.names()
                    + " (exact:N: the exact mapper with a budget of N ≥ 1 orderings per layer). Maybe --mapper " + (close != null ? close : "exact"));
        }
    }

    /** The LPF limits of {@code bench --lpf}, each as {@link LpfLimit}. */
    static final class BenchLpf extends LpfLimit {
        @Override
        String option() {
            return "--lpf";
        }
    }

    static final class Compat implements ITypeConverter<CompatFlags> {
        @Override
        public CompatFlags convert(String value) {
            try {
                return CompatFlags.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + ". Maybe --compat defines2023");
            }
        }
    }
}
