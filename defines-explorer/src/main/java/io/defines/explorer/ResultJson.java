package io.defines.explorer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.core.depthfirst.CopyAction;
import io.defines.core.depthfirst.DataCopyModel;
import io.defines.core.depthfirst.ResultKey;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.depthfirst.TypeResult;
import io.defines.core.hardware.Accelerator;
import java.util.List;
import java.util.Map;

/** One schedule's result as JSON: used by {@code evaluate --format json} and by a sweep's details.jsonl. */
public final class ResultJson {
    private ResultJson() {
    }

    private static String at(Accelerator a, io.defines.core.hardware.MemoryOperand op, int level) {
        return op + "@" + a.chain(op).get(level).name();
    }

    /** The evaluate --format json object (contract: totals, stacks, layers with tile types, copies with actions). */
    public static ObjectNode of(ScheduleResult r, Accelerator acc) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("energy_pj", r.energyPj());
        root.put("latency_cycles", r.latencyCycles());
        root.put("mac_count", r.macCount());
        root.put("mac_energy_pj", r.macEnergyPj());
        root.put("dram_access_bits", Math.round(r.offChipAccessBits(acc)));
        root.put("onchip_peak_bits", r.onChipPeakBits());
        ObjectNode perMemory = root.putObject("energy_per_memory_pj");
        r.energyPerMemoryPj(acc).forEach(perMemory::put);
        ObjectNode perOperand = root.putObject("energy_per_operand_pj");
        r.energyPerOperandAndMemoryPj().forEach((op, m) -> {
            ObjectNode o = perOperand.putObject(op);
            m.forEach(o::put);
        });
        ObjectNode accessBits = root.putObject("access_bits_per_memory");
        r.accessBitsPerMemory(acc).forEach((m, b) -> accessBits.put(m, Math.round(b)));
        ObjectNode latency = root.putObject("latency_breakdown_cycles");
        r.latencyBreakdownCycles(acc).forEach(latency::put);
        ArrayNode stacks = root.putArray("stacks");
        ArrayNode stackSchedules = root.putArray("stack_schedules");
        for (StackResult st : r.stacks()) {
            ArrayNode ids = stacks.addArray();
            st.layerIds().forEach(ids::add);
            ObjectNode sn = stackSchedules.addObject();
            ArrayNode layerIds = sn.putArray("layers");
            st.layerIds().forEach(layerIds::add);
            sn.put("tile", st.settings().tile().toString());
            sn.put("overlap", st.settings().overlapText());
        }
        ArrayNode layers = root.putArray("layers");
        ArrayNode copies = root.putArray("copies");
        for (Map.Entry<ResultKey, List<TypeResult>> e : r.types().entrySet()) {
            if (e.getKey() instanceof ResultKey.Layer layer) {
                ObjectNode l = layers.addObject();
                l.put("id", layer.layerId());
                ArrayNode types = l.putArray("tile_types");
                for (TypeResult t : e.getValue()) {
                    ObjectNode tt = types.addObject();
                    tt.put("multiplicity", t.multiplicity());
                    ObjectNode sizes = tt.putObject("loop_sizes");
                    t.loopSizes().forEach(sizes::put);
                    ObjectNode tops = tt.putObject("top_levels");
                    t.memoryNames().forEach((op, names) -> tops.put(op, names.get(names.size() - 1)));
                    tt.put("energy_pj", t.energyPj());
                    tt.put("latency_cycles", t.latencyCycles());
                    tt.put("onchip_bits", t.onChipBits());
                }
            } else if (e.getKey() instanceof ResultKey.CopiesBefore before) {
                ObjectNode c = copies.addObject();
                c.put("before", before.nodeName());
                ArrayNode types = c.putArray("tile_types");
                for (TypeResult t : e.getValue()) {
                    ObjectNode tt = types.addObject();
                    tt.put("multiplicity", t.multiplicity());
                    tt.put("energy_pj", t.copies().energyPj());
                    tt.put("latency_cycles", t.copies().latencyCycles());
                    ArrayNode actions = tt.putArray("actions");
                    for (DataCopyModel.CostedAction ca : t.copies().actions()) {
                        CopyAction x = ca.action();
                        ObjectNode an = actions.addObject();
                        an.put("bits", x.bits());
                        an.put("source", at(acc, x.sourceOperand(), x.sourceLevel()));
                        an.put("destination", at(acc, x.destinationOperand(), x.destinationLevel()));
                        an.put("energy_pj", ca.energyPj());
                    }
                }
            }
        }
        return root;
    }

}
