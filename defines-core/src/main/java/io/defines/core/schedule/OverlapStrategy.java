package io.defines.core.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happens to the overlap between adjacent tiles in one direction (docs/depth-first.md, "Overlap
 * strategies"): {@link #RECOMPUTE} it, keep it in the lowest on-chip memory level that fits
 * ({@link #CACHE}, DeFiNES' caching), or write it to and read it back from the off-chip memory
 * ({@link #GLOBAL}). A strategy decides two things: whether tiles reuse the overlap the previous tile
 * kept, and where that overlap is kept ({@link #place}). Strategies are registered by their
 * command-line name; a new one is a class implementing this interface plus a {@link #register} call.
 */
public interface OverlapStrategy {

    OverlapStrategy RECOMPUTE = Registry.add(new Recompute());
    OverlapStrategy CACHE = Registry.add(new CacheOnChip());
    OverlapStrategy GLOBAL = Registry.add(new Global());

    /** The name on the command line and in exploration files ({@code recompute}, {@code cache}, {@code global}). */
    String cliName();

    /** Whether a tile reads the overlap kept by its neighbour in this direction instead of recomputing it. */
    boolean reusesOverlap();

    /**
     * Where this direction's overlap cache is made for one tile, and the on-chip bits alive once it is
     * counted. {@code level} null: no cache.
     */
    CachePlacement place(CacheContext context);

    /** Registers a strategy under its {@link #cliName()}; a name can be registered once. */
    static void register(OverlapStrategy strategy) {
        Registry.add(strategy);
    }

    /** The registered names, in registration order. */
    static List<String> names() {
        return List.copyOf(Registry.NAMES);
    }

    /** The strategy registered as {@code name}; IllegalArgumentException naming the known ones otherwise. */
    static OverlapStrategy parse(String name) {
        OverlapStrategy s = Registry.BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown overlap strategy '" + name + "' (" + String.join(", ", Registry.NAMES) + ")");
        }
        return s;
    }

    /**
     * A strategy per direction {horizontal, vertical} from DeFiNES' mode names (fully-recompute,
     * h-cached-v-recompute, fully-cached) or {@code h=<s>,v=<s>}; null when not recognised.
     */
    static OverlapStrategy[] parsePair(String text) {
        switch (text) {
            case "fully-recompute":
                return new OverlapStrategy[] {RECOMPUTE, RECOMPUTE};
            case "h-cached-v-recompute":
                return new OverlapStrategy[] {CACHE, RECOMPUTE};
            case "fully-cached":
                return new OverlapStrategy[] {CACHE, CACHE};
            default:
                Matcher m = Registry.PAIR.matcher(text.replace(" ", ""));
                if (!m.matches()) {
                    return null;
                }
                try {
                    return new OverlapStrategy[] {parse(m.group(1)), parse(m.group(2))};
                } catch (IllegalArgumentException e) {
                    return null;
                }
        }
    }

    /** The upper-case name used in point keys ({@code RECOMPUTE}, …); implementations return it from toString(). */
    static String keyName(OverlapStrategy s) {
        return s.cliName().toUpperCase(Locale.ROOT);
    }

    /** The registry behind {@link #register}, {@link #parse} and {@link #names}. */
    final class Registry {
        private static final Map<String, OverlapStrategy> BY_NAME = new ConcurrentHashMap<>();
        private static final List<String> NAMES = new CopyOnWriteArrayList<>();
        private static final Pattern PAIR = Pattern.compile("^h=([\\w-]+),v=([\\w-]+)$");

        private Registry() {
        }

        static synchronized OverlapStrategy add(OverlapStrategy s) {
            if (BY_NAME.putIfAbsent(s.cliName(), s) != null) {
                throw new IllegalArgumentException("overlap strategy '" + s.cliName() + "' is already registered");
            }
            NAMES.add(s.cliName());
            return s;
        }
    }
}
