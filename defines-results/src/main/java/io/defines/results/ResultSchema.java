package io.defines.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract of a sweep folder's files (docs/explorations.md): their names, the points.csv and
 * pareto.csv columns in order, the details.jsonl keys and the manifest.json fields. Every writer
 * (sweep, merge, Spark) and every reader (resume, merge, plot) names a file, column, key or field
 * through these constants; none spells one itself.
 */
public final class ResultSchema {
    public static final String POINTS_CSV = "points.csv";
    public static final String DETAILS_JSONL = "details.jsonl";
    public static final String PARETO_CSV = "pareto.csv";
    public static final String MANIFEST_JSON = "manifest.json";

    /** The {@code status} of a point that was evaluated, in points.csv and details.jsonl. */
    public static final String OK = "ok";
    /** The {@code status} of a point whose schedule does not fit; its {@code reason} says why. */
    public static final String INFEASIBLE = "infeasible";

    private ResultSchema() {
    }

    /**
     * The columns of points.csv: {@link #BASE}, then {@link #energy(String) energy_&lt;memory&gt;_pj}
     * for every memory of the sweep's accelerators (by first appearance), then {@link #EVAL_MS}.
     * pareto.csv has the same columns without the last one.
     */
    public static final class Columns {
        public static final String POINT_ID = "point_id";
        public static final String POINT_KEY = "point_key";
        public static final String WORKLOAD = "workload";
        public static final String ACCELERATOR = "accelerator";
        public static final String MAPPING = "mapping";
        public static final String TILE_X = "tile_x";
        public static final String TILE_Y = "tile_y";
        public static final String OVERLAP = "overlap";
        public static final String LPF_LIMIT = "lpf_limit";
        public static final String COMPAT = "compat";
        public static final String CUTS = "cuts";
        public static final String STATUS = "status";
        public static final String REASON = "reason";
        public static final String ENERGY_PJ = "energy_pj";
        public static final String LATENCY_CYCLES = "latency_cycles";
        public static final String EDP = "edp";
        public static final String MAC_COUNT = "mac_count";
        public static final String MAC_ENERGY_PJ = "mac_energy_pj";
        public static final String DRAM_ACCESS_BITS = "dram_access_bits";
        public static final String ONCHIP_PEAK_BITS = "onchip_peak_bits";
        /** The evaluation's wall time: the one column outside the determinism promise. */
        public static final String EVAL_MS = "eval_ms";

        /** The columns a design point gives (recomputed from the point on resume). */
        public static final List<String> POINT = List.of(POINT_ID, POINT_KEY, WORKLOAD, ACCELERATOR, MAPPING, TILE_X, TILE_Y, OVERLAP,
                LPF_LIMIT, COMPAT, CUTS);
        /** The columns its evaluation gives, from {@link #STATUS} on (kept on resume). */
        public static final List<String> RESULT = List.of(STATUS, REASON, ENERGY_PJ, LATENCY_CYCLES, EDP, MAC_COUNT, MAC_ENERGY_PJ,
                DRAM_ACCESS_BITS, ONCHIP_PEAK_BITS);
        /** The first columns of points.csv and pareto.csv, in order: {@link #POINT} then {@link #RESULT}. */
        public static final List<String> BASE = concat(POINT, RESULT);
        /** Where the result cells start in a row. */
        public static final int RESULT_FROM = POINT.size();

        private Columns() {
        }

        /** The points.csv column of the energy spent at {@code memory}. */
        public static String energy(String memory) {
            return "energy_" + memory + "_pj";
        }

        /** All columns of a points.csv whose accelerators have these memories (by first appearance). */
        public static List<String> of(List<String> memoryNames) {
            List<String> out = new ArrayList<>(BASE);
            memoryNames.forEach(m -> out.add(energy(m)));
            out.add(EVAL_MS);
            return List.copyOf(out);
        }

        /** The columns of pareto.csv: those of points.csv without the last, {@link #EVAL_MS}. */
        public static List<String> pareto(List<String> pointsColumns) {
            return pointsColumns.subList(0, pointsColumns.size() - 1);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return List.copyOf(out);
        }
    }

    /**
     * The keys of details.jsonl: one object per point ({@link #POINT_ID}, {@link #POINT_KEY},
     * {@link #STATUS}, then {@link #RESULT} or {@link #REASON}); the result object is also what
     * {@code evaluate --format json} prints.
     */
    public static final class Details {
        public static final String POINT_ID = Columns.POINT_ID;
        public static final String POINT_KEY = Columns.POINT_KEY;
        public static final String STATUS = Columns.STATUS;
        public static final String REASON = Columns.REASON;
        public static final String RESULT = "result";

        // the result object: totals (as the points.csv columns of the same name), then the breakdowns
        public static final String ENERGY_PJ = Columns.ENERGY_PJ;
        public static final String LATENCY_CYCLES = Columns.LATENCY_CYCLES;
        public static final String MAC_COUNT = Columns.MAC_COUNT;
        public static final String MAC_ENERGY_PJ = Columns.MAC_ENERGY_PJ;
        public static final String DRAM_ACCESS_BITS = Columns.DRAM_ACCESS_BITS;
        public static final String ONCHIP_PEAK_BITS = Columns.ONCHIP_PEAK_BITS;
        /** Memory name → pJ, in the accelerator's listing order. */
        public static final String ENERGY_PER_MEMORY_PJ = "energy_per_memory_pj";
        /** Operand → memory name → pJ; data copies under {@link #OPERAND_COPIES}, MAC energy under {@link #OPERAND_MAC}. */
        public static final String ENERGY_PER_OPERAND_PJ = "energy_per_operand_pj";
        public static final String OPERAND_COPIES = "copies";
        public static final String OPERAND_MAC = "mac";
        /** Memory name → bits read and written. */
        public static final String ACCESS_BITS_PER_MEMORY = "access_bits_per_memory";
        /** Part → cycles, in the order of {@link #LATENCY_PARTS}. */
        public static final String LATENCY_BREAKDOWN_CYCLES = "latency_breakdown_cycles";
        public static final String LATENCY_COMPUTE = "compute";
        public static final String LATENCY_CONTROL = "control";
        public static final String LATENCY_STALLS = "stalls";
        public static final String LATENCY_ONLOADING = "onloading";
        public static final String LATENCY_DATA_COPIES = "data_copies";
        /** Off-chip reads and drains no compute hides (docs/latency.md). */
        public static final String LATENCY_EXPOSED_TRANSFERS = "exposed_transfers";
        /** Reported, not part of the latency: all the layers' off-loading. */
        public static final String LATENCY_OFFLOADING = "offloading";
        /** Reported, not part of the latency: off-chip transfers hidden behind compute (prefetched reads, copy writes drained in the background). */
        public static final String LATENCY_HIDDEN_TRANSFERS = "hidden_transfers";
        public static final List<String> LATENCY_PARTS = List.of(LATENCY_COMPUTE, LATENCY_CONTROL, LATENCY_STALLS, LATENCY_ONLOADING,
                LATENCY_DATA_COPIES, LATENCY_EXPOSED_TRANSFERS, LATENCY_OFFLOADING, LATENCY_HIDDEN_TRANSFERS);
        /** Per stack, its layer ids. */
        public static final String STACKS = "stacks";
        /** Per stack: its {@link #LAYERS} (ids), {@link #TILE} and {@link #OVERLAP} as it ran. */
        public static final String STACK_SCHEDULES = "stack_schedules";
        public static final String TILE = "tile";
        public static final String OVERLAP = "overlap";
        /** Per layer: {@link #ID} and its {@link #TILE_TYPES}. */
        public static final String LAYERS = "layers";
        public static final String ID = "id";
        public static final String TILE_TYPES = "tile_types";
        /** Per tile type: multiplicity, loop sizes, top level per operand, energy, latency, on-chip bits. */
        public static final String MULTIPLICITY = "multiplicity";
        public static final String LOOP_SIZES = "loop_sizes";
        public static final String TOP_LEVELS = "top_levels";
        public static final String ONCHIP_BITS = "onchip_bits";
        /**
         * Per tile type: whether the mapper proved the layer's temporal mapping the lowest energy over every
         * ordering of its loops' prime factors (docs/single-layer-model.md, "The exact mapper").
         */
        public static final String MAPPING_PROVEN_OPTIMAL = "mapping_proven_optimal";
        /** Per data-copy step: the layer it runs {@link #BEFORE}, and per tile type its {@link #ACTIONS}. */
        public static final String COPIES = "copies";
        public static final String BEFORE = "before";
        public static final String ACTIONS = "actions";
        /** Per copy action: bits, source and destination ({@code operand@memory}), energy. */
        public static final String BITS = "bits";
        public static final String SOURCE = "source";
        public static final String DESTINATION = "destination";

        private Details() {
        }
    }

    /** The fields of manifest.json; {@link ManifestIdentity} holds the ones a merge relies on. */
    public static final class Manifest {
        public static final String EXPLORATION = "exploration";
        public static final String NAME = "name";
        public static final String POINTS_SHA256 = "points_sha256";
        public static final String POINTS_TOTAL = "points_total";
        public static final String SHARD = "shard";
        public static final String COLUMNS = "columns";
        public static final String DETAILS = "details";
        public static final String POINTS = "points";
        public static final String POINTS_DONE = "points_done";
        public static final String COMPLETE = "complete";
        public static final String REUSED = "reused";
        public static final String EVALUATED = "evaluated";
        public static final String INFEASIBLE = "infeasible";
        public static final String OBJECTIVES = "objectives";
        public static final String INPUT_SHA256 = "input_sha256";
        public static final String CACHE_HITS = "cache_hits";
        public static final String CACHE_MISSES = "cache_misses";
        public static final String THREADS = "threads";
        public static final String TOOL_VERSION = "tool_version";
        public static final String ENGINE = "engine";
        public static final String JDK = "jdk";
        public static final String START = "start";
        public static final String END = "end";
        /** In a merged folder: per shard its {@link #SHARD}, {@link #FOLDER} and run fields. */
        public static final String MERGED_SHARDS = "merged_shards";
        public static final String FOLDER = "folder";

        private Manifest() {
        }
    }
}
