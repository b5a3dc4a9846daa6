package io.defines.core.onnx;

import io.defines.core.input.LayerDto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Where each channel of a feature map lies in the outputs its producers wrote, for tensors whose
 * channels were concatenated, split or reordered without moving a pixel (Concat, Slice/Split/Gather of
 * channels, ShuffleNet's channel shuffle as Reshape → Transpose → Reshape). The tensor is seen as
 * leading axes (batch 1 and the channel axes, row-major over {@code leading}) over an untouched block of
 * pixels ({@code trailing}, e.g. [H, W] or [H·W]); channel i is channel {@code channels[i]} of tensor
 * {@code tensors[i]} as its producer wrote it. Immutable.
 */
record ChannelView(List<String> tensors, long[] channels, long[] leading, long[] trailing) {

    ChannelView {
        tensors = List.copyOf(tensors);
        channels = channels.clone();
        leading = leading.clone();
        trailing = trailing.clone();
    }

    /** A tensor of {@code shape} [1, C, H, W] as its producer wrote it. */
    static ChannelView of(String tensor, long[] shape) {
        int c = (int) shape[1];
        long[] ch = new long[c];
        for (int i = 0; i < c; i++) {
            ch[i] = i;
        }
        return new ChannelView(java.util.Collections.nCopies(c, tensor), ch, new long[] {shape[0], shape[1]},
                Arrays.copyOfRange(shape, 2, shape.length));
    }

    int size() {
        return channels.length;
    }

    /** Whether the channels are all of one tensor, in its order (a Reshape that only regrouped them). */
    boolean trivial() {
        for (int i = 0; i < size(); i++) {
            if (!tensors.get(i).equals(tensors.get(0)) || channels[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The channels concatenated along the channel axis: [1, C₁ + C₂ + …] over the same pixels. */
    static ChannelView concat(List<ChannelView> parts) {
        List<String> t = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        for (ChannelView p : parts) {
            t.addAll(p.tensors);
            for (long x : p.channels) {
                c.add(x);
            }
        }
        return new ChannelView(t, c.stream().mapToLong(Long::longValue).toArray(), new long[] {1, c.size()}, parts.get(0).trailing);
    }

    /**
     * The same channels seen with another shape, or null when the shape does not keep the pixel block
     * as its last axes (a reshape mixing channels and pixels).
     */
    ChannelView reshaped(long[] shape) {
        long pixels = Arrays.stream(trailing).reduce(1, Math::multiplyExact);
        long tail = 1;
        for (int k = shape.length; k > 0; k--) {
            if (tail == pixels) {
                long lead = Arrays.stream(shape, 0, k).reduce(1, Math::multiplyExact);
                return lead == size() ? new ChannelView(tensors, channels, Arrays.copyOfRange(shape, 0, k), Arrays.copyOfRange(shape, k, shape.length)) : null;
            }
            tail = Math.multiplyExact(tail, shape[k - 1]);
        }
        return null;
    }

    /** The leading axes permuted ({@code perm} over the leading axes only), or null when it moves a pixel axis. */
    ChannelView transposed(int[] perm) {
        int k = leading.length;
        for (int i = k; i < perm.length; i++) {
            if (perm[i] != i) {
                return null;
            }
        }
        long[] newLeading = new long[k];
        for (int i = 0; i < k; i++) {
            if (perm[i] >= k) {
                return null;
            }
            newLeading[i] = leading[perm[i]];
        }
        int n = size();
        List<String> t = new ArrayList<>(n);
        long[] c = new long[n];
        long[] idx = new long[k];
        for (int flat = 0; flat < n; flat++) {
            // idx: the new multi-index of flat; the old index has idx[i] at axis perm[i]
            long rest = flat;
            for (int i = k - 1; i >= 0; i--) {
                idx[i] = rest % newLeading[i];
                rest /= newLeading[i];
            }
            long old = 0;
            long[] oldIdx = new long[k];
            for (int i = 0; i < k; i++) {
                oldIdx[perm[i]] = idx[i];
            }
            for (int i = 0; i < k; i++) {
                old = old * leading[i] + oldIdx[i];
            }
            t.add(tensors.get((int) old));
            c[flat] = channels[(int) old];
        }
        return new ChannelView(t, c, newLeading, trailing);
    }

    /**
     * Positions {@code picked} along leading axis {@code axis} (keeping the axis, or dropping it when
     * {@code drop}: a Gather with a scalar index).
     */
    ChannelView select(int axis, long[] picked, boolean drop) {
        int k = leading.length;
        long inner = 1;
        for (int i = axis + 1; i < k; i++) {
            inner *= leading[i];
        }
        long outer = size() / (inner * leading[axis]);
        List<String> t = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        for (long o = 0; o < outer; o++) {
            for (long p : picked) {
                for (long in = 0; in < inner; in++) {
                    int old = (int) ((o * leading[axis] + p) * inner + in);
                    t.add(tensors.get(old));
                    c.add(channels[old]);
                }
            }
        }
        long[] newLeading;
        if (drop) {
            newLeading = new long[k - 1];
            for (int i = 0, j = 0; i < k; i++) {
                if (i != axis) {
                    newLeading[j++] = leading[i];
                }
            }
        } else {
            newLeading = leading.clone();
            newLeading[axis] = picked.length;
        }
        return new ChannelView(t, c.stream().mapToLong(Long::longValue).toArray(), newLeading, trailing);
    }

    /** The shape of the tensor this view describes: leading axes, then the pixel block. */
    long[] shape() {
        long[] s = Arrays.copyOf(leading, leading.length + trailing.length);
        System.arraycopy(trailing, 0, s, leading.length, trailing.length);
        return s;
    }

    /**
     * The parts a layer reads: per producer (in the order they first appear), the channels it gives,
     * ascending, as runs of consecutive channels — each a layer id with its channel range (whole when it
     * is all of the producer's {@code channelsOf}). The layer's channels are thereby put in producer
     * order: a permutation of a layer's input channels (its weights permuted alike) changes no MAC, tensor
     * size or data copy, and a channel shuffle then costs nothing, as on hardware that addresses it.
     */
    List<LayerDto.PartSource> parts(ToIntFunction<String> layerOf, ToIntFunction<String> channelsOf,
                                    java.util.function.Function<String, io.defines.core.workload.Upsampling> upsampleOf) {
        java.util.Map<String, java.util.TreeSet<Long>> byTensor = new java.util.LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            byTensor.computeIfAbsent(tensors.get(i), t -> new java.util.TreeSet<>()).add(channels[i]);
        }
        List<LayerDto.PartSource> out = new ArrayList<>();
        for (var e : byTensor.entrySet()) {
            int layer = layerOf.applyAsInt(e.getKey());
            int all = channelsOf.applyAsInt(e.getKey());
            io.defines.core.workload.Upsampling up = upsampleOf.apply(e.getKey());
            long from = -1;
            long last = -2;
            for (long c : e.getValue()) {
                if (c != last + 1) {
                    if (from >= 0) {
                        out.add(part(layer, from, last + 1, all, up));
                    }
                    from = c;
                }
                last = c;
            }
            out.add(part(layer, from, last + 1, all, up));
        }
        return out;
    }

    private static LayerDto.PartSource part(int layer, long from, long to, int all, io.defines.core.workload.Upsampling upsample) {
        boolean whole = from == 0 && to == all;
        return new LayerDto.PartSource(layer, whole ? null : from, whole ? null : to, upsample);
    }

    @Override
    public String toString() {
        return "ChannelView" + Arrays.toString(leading) + "×" + Arrays.toString(trailing);
    }
}
