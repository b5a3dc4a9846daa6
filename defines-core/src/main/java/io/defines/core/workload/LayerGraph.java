package io.defines.core.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The producer graph of a workload's layers, before the layers are built: finds its cycles, so that a
 * reader can refuse a workload that is not a DAG ({@link Workload#topologicalOrder()} relies on it).
 */
public final class LayerGraph {

    private static final int VISITING = 1;
    private static final int DONE = 2;

    private final Map<Integer, List<Integer>> producers;
    private final List<Integer> order;
    private final Map<Integer, Integer> state = new HashMap<>();
    private final Set<Integer> reported = new HashSet<>();
    private final List<Cycle> cycles = new ArrayList<>();

    private LayerGraph(Map<Integer, List<Integer>> producers) {
        this.producers = producers;
        this.order = List.copyOf(producers.keySet());
    }

    /**
     * One cycle: {@code layers} lists each layer followed by the one it feeds, ending where it
     * started; {@code consumer} reads {@code producer} on the edge a reader should point at (the
     * edge that reads a layer written later, a forward reference being the likely mistake, else the
     * edge that closes the cycle).
     */
    public record Cycle(List<Integer> layers, int consumer, int producer) {

        public Cycle {
            layers = List.copyOf(layers);
        }

        /** E.g. "the workload has a cycle: layer 1 → layer 2 → layer 1 (each feeds the next)". */
        public String message() {
            List<String> names = layers.stream().map(String::valueOf).toList();
            return "the workload has a cycle: layer " + String.join(" → layer ", names) + " (each feeds the next)";
        }
    }

    /**
     * The cycles of a graph given as layer id → the ids of the layers it reads, in file order; each
     * cycle once, found by a depth-first search from each layer in file order.
     */
    public static List<Cycle> cycles(Map<Integer, List<Integer>> producers) {
        LayerGraph g = new LayerGraph(producers);
        for (Integer start : producers.keySet()) {
            g.visit(start, new ArrayList<>());
        }
        return List.copyOf(g.cycles);
    }

    private void visit(int node, List<Integer> path) {
        Integer s = state.get(node);
        if (s != null && s == DONE) {
            return;
        }
        if (s != null && s == VISITING) {
            closeCycle(node, path);
            return;
        }
        state.put(node, VISITING);
        path.add(node);
        for (int next : producers.getOrDefault(node, List.of())) {
            visit(next, path);
        }
        path.remove(path.size() - 1);
        state.put(node, DONE);
    }

    /** {@code path} ends in a layer that reads {@code node}, which is already on it. */
    private void closeCycle(int node, List<Integer> path) {
        List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        cycle.add(node);
        if (!reported.add(Math.min(cycle.stream().mapToInt(Integer::intValue).min().orElse(node), node))) {
            return;
        }
        // cycle = [c0, p0=c1, p1=c2, …, c0]: each element reads the next
        int consumer = path.get(path.size() - 1);
        int producer = node;
        for (int k = 0; k + 1 < cycle.size(); k++) {
            if (order.indexOf(cycle.get(k + 1)) >= order.indexOf(cycle.get(k))) {
                consumer = cycle.get(k);
                producer = cycle.get(k + 1);
                break;
            }
        }
        List<Integer> feeding = new ArrayList<>(cycle);
        Collections.reverse(feeding);
        cycles.add(new Cycle(feeding, consumer, producer));
    }
}
