package io.defines.core.workload;

/** Zero padding of one partially relevant input dimension: elements added before and after. */
public record Padding(int begin, int end) {

    public static final Padding NONE = new Padding(0, 0);

    /** begin + end, as a long (each may be up to 2^31-1). */
    public long total() {
        return (long) begin + end;
    }
}
