package io.defines.core.workload;

/** Zero padding of one partially relevant input dimension: elements added before and after. */
public record Padding(int begin, int end) {

    public static final Padding NONE = new Padding(0, 0);

    public int total() {
        return begin + end;
    }
}
