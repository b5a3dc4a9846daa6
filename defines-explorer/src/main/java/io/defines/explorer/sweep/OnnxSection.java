package io.defines.explorer.sweep;

import io.defines.core.input.Located;
import io.defines.core.input.MapReader;
import io.defines.core.input.Node;
import io.defines.core.input.Problems;
import io.defines.core.onnx.OnnxOptions;

/** The {@code onnx:} section of an exploration (docs/explorations.md). */
final class OnnxSection {

    private OnnxSection() {
    }

    /** The {@code onnx:} section: import precisions and skip_unsupported (defaults: 8, 8, 16, 8 bits; false). */
    static OnnxOptions read(Node.MapNode node, Problems problems) {
        OnnxOptions d = OnnxOptions.DEFAULT;
        if (node == null) {
            return d;
        }
        MapReader r = new MapReader(node, problems, "the onnx section");
        Located<Boolean> skip = r.bool("skip_unsupported", false, "true");
        Node.MapNode prec = r.map("precision", false, "{W: 8, I: 8, O: 16, O_final: 8}");
        r.finish();
        int[] bits = {d.weightBits(), d.activationBits(), d.partialSumBits(), d.outputBits()};
        if (prec != null) {
            MapReader pr = new MapReader(prec, problems, "onnx precision");
            String[] keys = {"W", "I", "O", "O_final"};
            for (int i = 0; i < 4; i++) {
                Located<Long> v = pr.integer(keys[i], false, Integer.toString(bits[i]));
                if (v.value() != null) {
                    if (v.value() < 1 || v.value() > 64) {
                        problems.error(v.node(), "precision " + keys[i] + " must be 1 to 64 bits, not " + v.value(), "e.g. " + keys[i] + ": " + bits[i]);
                    } else {
                        bits[i] = v.value().intValue();
                    }
                }
            }
            pr.finish();
        }
        return new OnnxOptions(bits[0], bits[1], bits[2], bits[3], Boolean.TRUE.equals(skip.value()));
    }
}
