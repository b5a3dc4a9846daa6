package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.workload.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tensors that can cross a stack boundary when stacks are runs of the topological order
 * (docs/schedules.md, "Boundary tensors"): every layer output that some layer reads, with the
 * positions of its producer and readers, its bits, and the on-chip memories that can keep it whole —
 * single-instance memories of the producer's output chain and of every reader's input chain with at
 * least its bits. Network outputs (read by no layer) always go off chip. Immutable.
 */
public final class BoundaryTensors {

    /**
     * One layer output read by other layers.
     *
     * @param producerId the producing layer
     * @param position the producer's topological position
     * @param readers the topological positions of its readers, ascending
     * @param bits the whole tensor
     * @param memories on-chip memories that can keep it whole, in the accelerator's listing order
     */
    public record Tensor(int producerId, int position, List<Integer> readers, long bits, List<String> memories) {

        public Tensor {
            readers = List.copyOf(readers);
            memories = List.copyOf(memories);
        }

        int lastReader() {
            return readers.get(readers.size() - 1);
        }

        /** Whether it is produced before position {@code cut} and read at or after it. */
        boolean crosses(int cut) {
            return position < cut && lastReader() >= cut;
        }

        /** Whether a layer at a position in [from, to) reads it. */
        boolean readIn(int from, int to) {
            return readers.stream().anyMatch(r -> r >= from && r < to);
        }
    }

    private final List<Tensor> tensors;
    private final Map<Integer, Tensor> byProducer = new HashMap<>();
    private final Map<String, Long> capacityBits = new HashMap<>();
    /** Layer id → topological position. */
    private final Map<Integer, Integer> position = new HashMap<>();

    BoundaryTensors(StackGraph graph, List<Layer> order, MemoryChains chains) {
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i).id(), i);
        }
        List<Tensor> all = new ArrayList<>();
        for (Layer l : order) {
            DfNode n = graph.byId(l.id());
            List<DfNode> readers = graph.consumersOf(n);
            if (readers.isEmpty()) {
                continue;
            }
            long bits = n.outputBits(graph.sizes.get(n));
            List<Integer> at = readers.stream().map(c -> position.get(c.id)).sorted().toList();
            Tensor t = new Tensor(l.id(), position.get(l.id()), at, bits, keepers(n, readers, bits, chains));
            all.add(t);
            byProducer.put(l.id(), t);
        }
        this.tensors = List.copyOf(all);
        chains.acc().memories().forEach(m -> capacityBits.put(m.name(), m.sizeBits()));
    }

    /** On-chip memories of the producer's output chain and every reader's input chain that hold the tensor whole. */
    private static List<String> keepers(DfNode producer, List<DfNode> readers, long bits, MemoryChains chains) {
        List<String> out = new ArrayList<>();
        MemoryOperand written = producer.link(producer.outputOperand());
        for (Memory m : chains.of(written)) {
            boolean ok = m != chains.offChip() && chains.single(m) && m.sizeBits() >= bits;
            for (DfNode c : readers) {
                for (DfNode.Edge e : c.inputs) {
                    if (e.producer() == producer) {
                        ok &= chains.of(c.link(e.operand())).contains(m);
                    }
                }
            }
            if (ok) {
                out.add(m.name());
            }
        }
        return out;
    }

    /** The topological positions [from, to) of a stack that is a run of the topological order, from its layer ids. */
    int[] run(List<Integer> layerIds) {
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int id : layerIds) {
            from = Math.min(from, position.get(id));
            to = Math.max(to, position.get(id) + 1);
        }
        return new int[] {from, to};
    }

    /** The tensors crossing the cut before topological position {@code cut}, in producer order. */
    public List<Tensor> crossing(int cut) {
        return tensors.stream().filter(t -> t.crosses(cut)).toList();
    }

    /** The tensor of layer {@code producerId}'s output, when some layer reads it. */
    public Optional<Tensor> of(int producerId) {
        return Optional.ofNullable(byProducer.get(producerId));
    }

    /**
     * What the stack of positions [from, to) sees of a placement (producing layer id → memory name, the
     * tensors kept on chip): those it reads or writes, and per memory the bits of all of them alive
     * while it runs.
     */
    public Boundary boundary(int from, int to, Map<Integer, String> placement) {
        if (placement.isEmpty()) {
            return Boundary.OFF_CHIP;
        }
        Map<Integer, String> touched = new HashMap<>();
        Map<String, Long> held = new HashMap<>();
        for (var e : placement.entrySet()) {
            Tensor t = byProducer.get(e.getKey());
            boolean written = t.position >= from && t.position < to && t.crosses(to);
            boolean read = t.position < from && t.readIn(from, to);
            if (written || read) {
                touched.put(t.producerId, e.getValue());
            }
            if (t.crosses(from) || t.crosses(to)) {
                held.merge(e.getValue(), t.bits, Long::sum);
            }
        }
        return new Boundary(touched, held);
    }

    /**
     * Why a placement cannot be kept in a schedule whose stacks are these runs [from, to): a tensor that
     * no later stack reads, or a memory that cannot keep it; empty when each can be.
     */
    public Optional<String> problem(Map<Integer, String> placement, List<int[]> stacks) {
        for (var e : placement.entrySet()) {
            Tensor t = byProducer.get(e.getKey());
            if (t == null) {
                return Optional.of("layer " + e.getKey() + "'s output is read by no layer (a network output goes off chip)");
            }
            boolean crosses = stacks.stream().anyMatch(s -> t.position >= s[0] && t.position < s[1] && t.crosses(s[1]));
            if (!crosses) {
                return Optional.of("layer " + e.getKey() + "'s output is read only inside its own stack: there is no boundary tensor to keep");
            }
            if (!t.memories.contains(e.getValue())) {
                return Optional.of("memory " + e.getValue() + " cannot keep layer " + e.getKey() + "'s output (" + t.bits + " bits): "
                        + (t.memories.isEmpty() ? "no on-chip memory of its chains can" : "the memories that can are " + t.memories));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the boundary tensors held while a stack runs overflow a memory (their bits beyond its
     * capacity), naming the memory and the bits; empty when they fit.
     */
    public Optional<ScheduleOutcome.Overfull> overflow(Boundary b, int firstLayerId) {
        for (var e : new TreeMap<>(b.heldBits()).entrySet()) {
            long cap = capacityBits.get(e.getKey());
            if (e.getValue() > cap) {
                return Optional.of(new ScheduleOutcome.Overfull(firstLayerId, e.getKey(), e.getValue(), cap));
            }
        }
        return Optional.empty();
    }
}
