package io.defines.core.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A DNN workload: layers in file order forming a DAG through their activation inputs. */
public record Workload(String name, List<Layer> layers) {

    public Workload {
        layers = List.copyOf(layers);
    }

    public Optional<Layer> layer(int id) {
        return layers.stream().filter(l -> l.id() == id).findFirst();
    }

    /** The layers that read layer {@code id}'s output. */
    public List<Layer> consumers(int id) {
        return layers.stream().filter(l -> l.producers().contains(id)).toList();
    }

    public long macCount() {
        return layers.stream().mapToLong(Layer::macCount).sum();
    }

    public long weightBits() {
        return layers.stream().mapToLong(Layer::weightBits).sum();
    }

    /** The layers in increasing id order. */
    public List<Layer> byId() {
        return layers.stream().sorted(java.util.Comparator.comparingInt(Layer::id)).toList();
    }

    /**
     * Topological order (producers before consumers), by Kahn's algorithm: layers become ready in
     * id order and are taken first-ready-first, so the order in which a file lists its layers changes
     * nothing. The workload reader guarantees the graph is acyclic.
     */
    public List<Layer> topologicalOrder() {
        Map<Integer, Integer> indegree = new HashMap<>();
        Map<Integer, List<Layer>> consumers = new LinkedHashMap<>();
        for (Layer l : byId()) {
            indegree.put(l.id(), l.producers().size());
            for (int p : l.producers()) {
                consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(l);
            }
        }
        List<Layer> order = new ArrayList<>();
        Deque<Layer> ready = new ArrayDeque<>();
        for (Layer l : byId()) {
            if (indegree.get(l.id()) == 0) {
                ready.add(l);
            }
        }
        while (!ready.isEmpty()) {
            Layer l = ready.poll();
            order.add(l);
            for (Layer c : consumers.getOrDefault(l.id(), List.of())) {
                if (indegree.merge(c.id(), -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != layers.size()) {
            throw new IllegalStateException("workload " + name + " has a cycle");
        }
        return order;
    }
}
