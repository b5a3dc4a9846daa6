package io.defines.core.onnx;

import io.defines.core.input.LayerDto;
import java.util.List;

/** Which layers' outputs a layer reads when it reads a tensor: one whole output, upsampled outputs, the parts of a channel view. */
final class LayerSources {

    private LayerSources() {
    }

    /**
     * The parts a layer reading {@code tensor} as an [N, C, H, W] (or [N, C]) operand reads, in channel
     * order: one producer's whole output, or the runs of a {@link ChannelView}, each from its producer.
     */
    static List<LayerDto.PartSource> of(ShapePropagation shapes, String tensor) {
        ChannelView v = shapes.channelView(tensor);
        if (v == null) {
            ShapePropagation.Upsampled u = shapes.upsampledOf(tensor);
            return List.of(u == null ? new LayerDto.PartSource(shapes.source(tensor), null, null)
                    : new LayerDto.PartSource(layerUnder(shapes, u), null, null, u.upsampling()));
        }
        shapes.requireProducerOrder(tensor);
        return v.parts(part -> {
            ShapePropagation.Upsampled u = shapes.upsampledOf(part);
            int id = u == null ? shapes.source(part) : layerUnder(shapes, u);
            if (id < 0) {
                throw ShapeException.notModelled("reads a concatenation with the network input '" + GraphImport.printable(part) + "' as one part",
                        "a network input is read whole by its first layers; concatenate it after a layer (e.g. a 1×1 pooling)");
            }
            return id;
        }, part -> (int) shapes.shape(part)[1], part -> shapes.upsampledOf(part) != null ? shapes.upsampledOf(part).upsampling() : io.defines.core.workload.Upsampling.NONE);
    }

    /** The layer whose output an upsampled tensor upsamples. */
    private static int layerUnder(ShapePropagation shapes, ShapePropagation.Upsampled u) {
        int id = shapes.source(u.tensor());
        if (id < 0) {
            throw ShapeException.notModelled("upsamples the network input", "an upsampling of the network input is not modelled; export the input at that size");
        }
        return id;
    }
}
