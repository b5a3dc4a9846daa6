package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory levels one layer of one tile uses (docs/depth-first.md, "Memory levels"): per operand
 * the chain up to its top level — the lowest single-instance level that holds the tile's data,
 * widened by {@link Widening} when the single-layer model finds no mapping that fits.
 *
 * @param inputLevels the first input's levels, bottom up (empty for input nodes)
 * @param topInput the first input's top level (null for input nodes)
 * @param topOutput the output's top level (the whole chain for the stack's output)
 * @param topOf layer operand → top level of each input (an input on another memory operand gets its own)
 * @param keptIn the on-chip memory that keeps the boundary tensor this node stands for (an input node) or
 *               writes for a later stack (docs/schedules.md, "Boundary tensors"); null: the off-chip memory
 */
record LevelChoice(List<Memory> inputLevels, Memory topInput, Memory topOutput, Map<String, Memory> topOf,
                   long inputBits, long outputBits, MemoryOperand outputLink, List<Memory> outputChain, Memory keptIn) {

    /**
     * How far the levels are widened beyond the lowest that fits: extra input and output levels, tried
     * in the order (0,0), (0,1), (1,0), (1,1), (1,2), (2,1), … until the layer fits.
     */
    record Widening(int extraInput, int extraOutput) {
        static final Widening NONE = new Widening(0, 0);

        Widening next() {
            if (extraOutput == extraInput) {
                return new Widening(extraInput, extraOutput + 1);
            }
            if (extraOutput > extraInput) {
                return new Widening(extraInput + 1, extraOutput - 1);
            }
            return new Widening(extraInput, extraOutput + 1);
        }

        /** Whether every widening the hierarchy allows was tried. */
        boolean exhausted(int memories) {
            return extraInput + extraOutput > 2 * (memories + 1);
        }
    }

    /**
     * The levels of {@code n}: a stack output's output goes up its whole chain, or up to {@code keptIn}
     * when a later stack finds it there; an input node whose data waits in {@code keptIn} takes it from
     * there, so its levels end there at the highest.
     */
    static LevelChoice of(DfNode n, Map<String, Long> sizes, Map<String, Map<String, Long>> caps, boolean stackOutput, Widening w,
                          MemoryChains chains, Memory keptIn) {
        long inBits = n.isInput() ? 0 : n.inputBits(sizes, caps);
        MemoryOperand firstInLink = n.isInput() ? null : n.link(n.inputs.get(0).operand());
        List<Memory> unwidenedI = n.isInput() ? List.of() : chains.scan(chains.of(firstInLink), inBits, null, 0);
        List<Memory> iLevels = n.isInput() ? List.of() : MemoryChains.widen(unwidenedI, chains.of(firstInLink), w.extraInput());
        long outBits = n.outputBits(sizes);
        MemoryOperand oLink = n.link(n.outputOperand());
        List<Memory> oChain = chains.of(oLink);
        List<Memory> oLevels;
        if (stackOutput) {
            oLevels = keptIn == null ? oChain : oChain.subList(0, oChain.indexOf(keptIn) + 1);
        } else {
            Memory sharedWith = unwidenedI.isEmpty() ? null : unwidenedI.get(unwidenedI.size() - 1);
            oLevels = MemoryChains.widen(chains.scan(oChain, outBits, sharedWith, inBits), oChain, w.extraOutput());
            if (n.isInput() && keptIn != null && oLevels.size() > oChain.indexOf(keptIn) + 1) {
                oLevels = oChain.subList(0, oChain.indexOf(keptIn) + 1);
            }
        }
        Memory topO = oLevels.get(oLevels.size() - 1);
        Memory topI = iLevels.isEmpty() ? null : iLevels.get(iLevels.size() - 1);
        // an input on another memory operand than the first (e.g. ZigZag adds linking one input to I2)
        // gets its own top level from its own chain; DeFiNES only knows the first input's chain
        Map<String, Memory> topOf = new HashMap<>();
        for (DfNode.Edge e : n.inputs) {
            MemoryOperand l = n.link(e.operand());
            if (l == firstInLink || chains.of(l).contains(topI)) {
                topOf.put(e.operand(), topI);
            } else {
                List<Memory> own = chains.scan(chains.of(l), inBits, null, 0);
                topOf.put(e.operand(), own.get(own.size() - 1));
            }
        }
        return new LevelChoice(iLevels, topI, topO, topOf, inBits, outBits, oLink, oChain, keptIn);
    }
}
