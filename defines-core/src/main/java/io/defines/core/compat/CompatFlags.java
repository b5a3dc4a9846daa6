package io.defines.core.compat;

import java.util.EnumSet;
import java.util.Set;

/** Which DeFiNES quirks to reproduce. {@link #DEFINES_2023} reproduces all; {@link #FIXED} none. */
public record CompatFlags(Set<Quirk> quirks) {

    public static final CompatFlags FIXED = new CompatFlags(EnumSet.noneOf(Quirk.class));
    public static final CompatFlags DEFINES_2023 = new CompatFlags(EnumSet.allOf(Quirk.class));

    public CompatFlags {
        quirks = Set.copyOf(quirks);
    }

    public boolean has(Quirk q) {
        return quirks.contains(q);
    }

    /**
     * The same quirks without the two that decide which layers form a stack ({@link Quirk#STACK_BY_ANCESTRY},
     * {@link Quirk#CUT_AFTER_LAYER_ZERO_IGNORED}): for schedules whose stacks are stated layer by layer (a
     * schedule file, the optimizer's runs of the topological order), where DeFiNES' cost quirks still apply.
     */
    public CompatFlags stacksAsListed() {
        EnumSet<Quirk> q = quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirks);
        q.remove(Quirk.STACK_BY_ANCESTRY);
        q.remove(Quirk.CUT_AFTER_LAYER_ZERO_IGNORED);
        return new CompatFlags(q);
    }

    /** "defines2023" or "none" (the CLI names). */
    public static CompatFlags parse(String name) {
        return switch (name) {
            case "defines2023" -> DEFINES_2023;
            case "none", "fixed" -> FIXED;
            default -> throw new IllegalArgumentException("unknown compatibility mode '" + name + "' (defines2023 or none)");
        };
    }
}
