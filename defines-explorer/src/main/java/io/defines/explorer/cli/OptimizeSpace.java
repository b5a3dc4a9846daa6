package io.defines.explorer.cli;

import io.defines.core.optimize.ScheduleOptimizer;
import io.defines.core.optimize.SchedulePoint;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The optimizer's options as values: candidate settings, the SRAM budget in bits, the objective. */
final class OptimizeSpace {

    /**
     * {@code --tiles auto}: DeFiNES' case-study tile widths and heights paired (but 1 × 1), and the whole map;
     * besides, each stack's own tiles that divide its map (StackTiles). 1 × 1 is left out: in a stack whose
     * tiles are placed by position (padding, several outputs of other map sizes) nearly every 1 × 1 tile is
     * its own tile type — ResNet-18 on meta-prototype-df spent 211 s of 270 s on it — and it was on no
     * front point of a map larger than 1 × 1 in the library; an explicit --tiles list may name it.
     */
    static final List<String> AUTO_TILES = List.of("4x4", "8x8", "16x18", "60x72", "240x270", "full");
    private static final long FULL = 1L << 30;

    private OptimizeSpace() {
    }

    /** The settings every stack gets, the overlap pairs each stack's own tiles get (auto only), and a description. */
    record Candidates(List<StackSettings> settings, List<OverlapPair> stackTileOverlaps, String description) {
    }

    /** The candidates of {@code --tiles} and {@code --overlap}. */
    static Candidates candidates(String tiles, String overlaps) {
        List<TileSize> ts = new ArrayList<>();
        for (String t : (tiles.equals("auto") ? String.join(";", AUTO_TILES) : tiles).split(";")) {
            String v = t.trim();
            try {
                ts.add(v.equals("full") ? new TileSize(FULL, FULL) : TileSize.parse(v.replace("full", String.valueOf(FULL))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tiles " + e.getMessage() + ". Maybe --tiles auto, or e.g. --tiles '4x4;60x72;full'");
            }
        }
        List<OverlapPair> os = new ArrayList<>();
        if (overlaps.equals("all")) {
            List<OverlapStrategy> three = List.of(OverlapStrategy.RECOMPUTE, OverlapStrategy.CACHE, OverlapStrategy.GLOBAL);
            for (OverlapStrategy h : three) {
                for (OverlapStrategy v : three) {
                    os.add(new OverlapPair(h, v));
                }
            }
        } else {
            String list = overlaps.equals("defines") ? "fully-recompute;h-cached-v-recompute;fully-cached" : overlaps;
            for (String o : list.split(";")) {
                try {
                    os.add(OverlapPair.parse(o.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--overlap " + e.getMessage() + ". Maybe --overlap all, defines, or e.g. 'fully-cached;h=global,v=cache'");
                }
            }
        }
        List<StackSettings> out = new ArrayList<>();
        for (TileSize t : ts) {
            for (OverlapPair o : os) {
                out.add(new StackSettings(t, o.horizontal(), o.vertical()));
            }
        }
        boolean auto = tiles.equals("auto");
        return new Candidates(out, auto ? os : List.of(), ts.size() + " tiles × " + os.size() + " overlap strategies"
                + (auto ? ", plus each stack's own tiles that divide its map × the same strategies" : ""));
    }

    private static final Pattern SIZE = Pattern.compile("^(\\d{1,15})\\s*(b|bits|B|kB|KB|KiB|MB|MiB|GB|GiB)?$");

    /** A memory size in bits: a number with an optional unit (b, B, kB, KiB, MB, MiB, GB, GiB; bits without one). */
    static long bits(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--sram-budget '" + text + "' is not a size. Maybe 2MiB, 512KB or 4194304 (bits)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "b", "bits" -> 1;
            case "B" -> 8;
            case "kB", "KB" -> 8_000;
            case "KiB" -> 8L * 1024;
            case "MB" -> 8_000_000;
            case "MiB" -> 8L * 1024 * 1024;
            case "GB" -> 8_000_000_000L;
            default -> 8L * 1024 * 1024 * 1024;
        };
        return Math.multiplyExact(n, factor);
    }

    static ToDoubleFunction<SchedulePoint> objective(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "energy" -> SchedulePoint::energyPj;
            case "latency" -> p -> p.latencyCycles();
            case "edp" -> SchedulePoint::edp;
            default -> throw new IllegalArgumentException("--objective '" + name + "' is not an objective. Maybe energy, latency or edp");
        };
    }
}
