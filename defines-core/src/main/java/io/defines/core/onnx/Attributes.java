package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reading a node's attributes and a constant tensor's numbers. */
final class Attributes {

    private Attributes() {
    }

    static OnnxMl.AttributeProto attr(OnnxMl.NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
    }

    /** An integer list attribute, or {@code absent}. */
    static long[] ints(OnnxMl.NodeProto n, String name, long[] absent) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? absent : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** An integer attribute, or {@code absent}. */
    static long intAttr(OnnxMl.NodeProto n, String name, long absent) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? absent : a.getI();
    }

    /** A string attribute, or {@code absent}. */
    static String string(OnnxMl.NodeProto n, String name, String absent) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? absent : a.getS().toStringUtf8();
    }

    /** The integers of a constant tensor (int64 or int32 data, or little-endian int64 raw data). */
    static long[] longs(OnnxMl.TensorProto t) {
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        if (t.getInt32DataCount() > 0) {
            return t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    /** The numbers of a constant float tensor (float data, or little-endian float32 raw data). */
    static float[] floats(OnnxMl.TensorProto t) {
        if (t.getFloatDataCount() > 0) {
            float[] f = new float[t.getFloatDataCount()];
            for (int i = 0; i < f.length; i++) {
                f[i] = t.getFloatData(i);
            }
            return f;
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        for (int i = 0; i < f.length; i++) {
            f[i] = b.getFloat();
        }
        return f;
    }

    /** A float list attribute, or null. */
    static float[] floats(OnnxMl.NodeProto n, String name) {
        OnnxMl.AttributeProto a = attr(n, name);
        if (a == null) {
            return null;
        }
        float[] f = new float[a.getFloatsCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.getFloats(i);
        }
        return f;
    }

    /** A tensor's dims as written (an initializer's or a Constant's value). */
    static long[] dims(OnnxMl.TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }
}
