package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;

/**
 * ConvTranspose → refused with the reason (docs/onnx.md): the workload form writes a layer's input
 * position as {@code i = s·o + d·f} of its output and kernel positions, and the depth-first engine
 * derives each tile's input from that; a transposed convolution writes its output at {@code o = s·i + d·f − pad},
 * which no such relation expresses with both its exact MACs (H·W·C·K·kH·kW over the input) and its output size.
 * With {@code --skip-unsupported} it is skipped like any unsupported operator (only where that changes no shape).
 */
final class ConvTransposeConverter implements OpConverter {

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        throw ShapeException.notModelled("ConvTranspose is not modelled: the workload form relates input to output positions as i = s*o + d*f, "
                        + "a transposed convolution as o = s*i + d*f - pad, so no layer has both its exact MACs and its output size",
                "replace it by Resize + Conv, or a Conv on a zero-upsampled input, before export");
    }
}
