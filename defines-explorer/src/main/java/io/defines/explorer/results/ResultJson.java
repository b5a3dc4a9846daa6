package io.defines.explorer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.core.cost.LayerCost;
import io.defines.core.depthfirst.CopyAction;
import io.defines.core.depthfirst.DataCopyModel;
import io.defines.core.depthfirst.LatencyBreakdown;
import io.defines.core.depthfirst.ResultKey;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.depthfirst.TypeResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.MemoryOperand;
import io.defines.results.ResultSchema.Details;
import java.util.List;
import java.util.Map;

/**
 * One schedule's result as JSON, keyed by {@link Details}: used by {@code evaluate --format json} and
 * as the {@code result} object of a sweep's details.jsonl. One of the two places of the explorer that
 * read a {@link ScheduleResult} (the other is the sweep's {@code PointEvaluator}).
 */
public final class ResultJson {
    private ResultJson() {
    }

    /** The evaluate --format json object (contract: totals, stacks, layers with tile types, copies with actions). */
    public static ObjectNode of(ScheduleResult r, Accelerator acc) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put(Details.ENERGY_PJ, r.energyPj());
        root.put(Details.LATENCY_CYCLES, r.latencyCycles());
        root.put(Details.MAC_COUNT, r.macCount());
        root.put(Details.MAC_ENERGY_PJ, r.macEnergyPj());
        root.put(Details.DRAM_ACCESS_BITS, Math.round(r.offChipAccessBits(acc)));
        root.put(Details.ONCHIP_PEAK_BITS, r.onChipPeakBits());
        ObjectNode perMemory = root.putObject(Details.ENERGY_PER_MEMORY_PJ);
        r.energyPerMemoryPj(acc).forEach(perMemory::put);
        ObjectNode perOperand = root.putObject(Details.ENERGY_PER_OPERAND_PJ);
        r.energyPerOperandAndMemoryPj().forEach((op, m) -> {
            ObjectNode o = perOperand.putObject(op);
            m.forEach(o::put);
        });
        ObjectNode accessBits = root.putObject(Details.ACCESS_BITS_PER_MEMORY);
        r.accessBitsPerMemory(acc).forEach((m, b) -> accessBits.put(m, Math.round(b)));
        latencyBreakdown(root.putObject(Details.LATENCY_BREAKDOWN_CYCLES), r.latencyBreakdown(acc));
        stacks(root, r.stacks());
        ArrayNode layers = root.putArray(Details.LAYERS);
        ArrayNode copies = root.putArray(Details.COPIES);
        for (Map.Entry<ResultKey, List<TypeResult>> e : r.types().entrySet()) {
            if (e.getKey() instanceof ResultKey.Layer l) {
                layer(layers.addObject(), l.layerId(), e.getValue());
            } else if (e.getKey() instanceof ResultKey.CopiesBefore c) {
                copy(copies.addObject(), c.nodeName(), e.getValue(), acc);
            }
        }
        return root;
    }

    /** The stacks as layer-id lists, then each stack's settings (layers, tile, overlap strategies). */
    private static void stacks(ObjectNode root, List<StackResult> stacks) {
        ArrayNode ids = root.putArray(Details.STACKS);
        ArrayNode schedules = root.putArray(Details.STACK_SCHEDULES);
        for (StackResult st : stacks) {
            ArrayNode a = ids.addArray();
            st.layerIds().forEach(a::add);
            ObjectNode s = schedules.addObject();
            ArrayNode layers = s.putArray(Details.LAYERS);
            st.layerIds().forEach(layers::add);
            s.put(Details.TILE, st.settings().tile().toString());
            s.put(Details.OVERLAP, st.settings().overlapText());
        }
    }

    /** The engine's parts, written by the schema's names in the schema's order. */
    private static void latencyBreakdown(ObjectNode out, LatencyBreakdown cycles) {
        out.put(Details.LATENCY_COMPUTE, cycles.compute());
        out.put(Details.LATENCY_CONTROL, cycles.control());
        out.put(Details.LATENCY_STALLS, cycles.stalls());
        out.put(Details.LATENCY_ONLOADING, cycles.onloading());
        out.put(Details.LATENCY_DATA_COPIES, cycles.dataCopies());
        out.put(Details.LATENCY_EXPOSED_TRANSFERS, cycles.exposedTransfers());
        out.put(Details.LATENCY_OFFLOADING, cycles.offloading());
        out.put(Details.LATENCY_HIDDEN_TRANSFERS, cycles.hidden());
    }

    private static void layer(ObjectNode l, int id, List<TypeResult> types) {
        l.put(Details.ID, id);
        ArrayNode out = l.putArray(Details.TILE_TYPES);
        for (TypeResult t : types) {
            ObjectNode tt = out.addObject();
            tt.put(Details.MULTIPLICITY, t.multiplicity());
            ObjectNode sizes = tt.putObject(Details.LOOP_SIZES);
            t.loopSizes().forEach(sizes::put);
            ObjectNode tops = tt.putObject(Details.TOP_LEVELS);
            t.memoryNames().forEach((op, names) -> tops.put(op, names.get(names.size() - 1)));
            tt.put(Details.ENERGY_PJ, t.energyPj());
            tt.put(Details.LATENCY_CYCLES, t.latencyCycles());
            tt.put(Details.ONCHIP_BITS, t.onChipBits());
            tt.put(Details.MAPPING_PROVEN_OPTIMAL, t.layer() instanceof LayerCost.Mapped m && m.provenOptimal());
        }
    }

    private static void copy(ObjectNode c, String before, List<TypeResult> types, Accelerator acc) {
        c.put(Details.BEFORE, before);
        ArrayNode out = c.putArray(Details.TILE_TYPES);
        for (TypeResult t : types) {
            ObjectNode tt = out.addObject();
            tt.put(Details.MULTIPLICITY, t.multiplicity());
            tt.put(Details.ENERGY_PJ, t.copies().energyPj());
            tt.put(Details.LATENCY_CYCLES, t.copies().latencyCycles());
            ArrayNode actions = tt.putArray(Details.ACTIONS);
            for (DataCopyModel.CostedAction ca : t.copies().actions()) {
                CopyAction x = ca.action();
                ObjectNode an = actions.addObject();
                an.put(Details.BITS, x.bits());
                an.put(Details.SOURCE, at(acc, x.sourceOperand(), x.sourceLevel()));
                an.put(Details.DESTINATION, at(acc, x.destinationOperand(), x.destinationLevel()));
                an.put(Details.ENERGY_PJ, ca.energyPj());
            }
        }
    }

    private static String at(Accelerator a, MemoryOperand op, int level) {
        return op + "@" + a.chain(op).get(level).name();
    }
}
