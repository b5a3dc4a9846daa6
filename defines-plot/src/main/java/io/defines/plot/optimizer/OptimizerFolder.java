package io.defines.plot.optimizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an optimizer folder holds (docs/schedules.md), read from its files only: the front, the budget
 * curve, the baselines' totals from the manifest, and the best schedule's stacks.
 */
record OptimizerFolder(String title, List<Totals> front, List<BudgetRow> budget, Map<String, Totals> baselines, Totals best,
                       List<StackRow> bestStacks) {

    /** One schedule's totals (energy pJ, latency cycles, on-chip peak bits). */
    record Totals(double energyPj, double latencyCycles, double peakBits) {
    }

    /** One row of budget.csv; NaN where a baseline fits no schedule. */
    record BudgetRow(double budgetBits, double bestEnergyPj, double greedyEnergyPj, double layerByLayerEnergyPj) {
    }

    /**
     * One stack of the best schedule: its layer ids, tile and overlap strategy as the schedule file states
     * them, and the outputs it keeps on chip for later stacks (layer id → memory).
     */
    record StackRow(List<Integer> layers, String tile, String overlap, Map<Integer, String> onChip) {
    }

    /** Whether {@code dir} is an optimizer folder (its manifest says so). */
    static boolean is(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.exists(manifest) || !Files.exists(dir.resolve("front.csv"))) {
            return false;
        }
        try {
            return "optimize".equals(new ObjectMapper().readTree(manifest.toFile()).path("command").asText());
        } catch (IOException e) {
            return false;
        }
    }

    static OptimizerFolder read(Path dir) throws IOException {
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        String title = stem(m.at("/inputs/workload/path").asText()) + " on " + stem(m.at("/inputs/accelerator/path").asText());
        List<Totals> front = new ArrayList<>();
        for (String[] r : csv(dir.resolve("front.csv"))) {
            front.add(new Totals(Double.parseDouble(r[1]), Double.parseDouble(r[2]), Double.parseDouble(r[4])));
        }
        List<BudgetRow> budget = new ArrayList<>();
        if (Files.exists(dir.resolve("budget.csv"))) {
            for (String[] r : csv(dir.resolve("budget.csv"))) {
                budget.add(new BudgetRow(Double.parseDouble(r[0]), Double.parseDouble(r[1]), number(r, 4), number(r, 6)));
            }
        }
        Map<String, Totals> baselines = new LinkedHashMap<>();
        m.path("baselines").fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                baselines.put(e.getKey(), totals(e.getValue()));
            }
        });
        List<StackRow> stacks = new ArrayList<>();
        if (Files.exists(dir.resolve("best.yaml"))) {
            for (JsonNode s : new YAMLMapper().readTree(dir.resolve("best.yaml").toFile()).path("stacks")) {
                List<Integer> ids = new ArrayList<>();
                s.path("layers").forEach(n -> ids.add(n.asInt()));
                Map<Integer, String> onChip = new TreeMap<>();
                s.path("on_chip").fields().forEachRemaining(e -> onChip.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
                stacks.add(new StackRow(ids, s.path("tile").asText(), s.path("overlap").asText("fully-cached"), onChip));
            }
        }
        return new OptimizerFolder(title, front, budget, baselines, m.has("best") ? totals(m.get("best")) : null, stacks);
    }

    private static String stem(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Totals totals(JsonNode n) {
        return new Totals(n.path("energy_pj").asDouble(), n.path("latency_cycles").asDouble(), n.path("onchip_peak_bits").asDouble());
    }

    private static double number(String[] r, int i) {
        return i < r.length && !r[i].isEmpty() ? Double.parseDouble(r[i]) : Double.NaN;
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) {
                rows.add(l.split(",", -1));
            }
        }
        return rows;
    }
}
