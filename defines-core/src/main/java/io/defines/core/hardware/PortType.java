package io.defines.core.hardware;

/** Whether a physical memory port reads, writes, or both. */
public enum PortType {
    READ("read"), WRITE("write"), READ_WRITE("read_write");

    private final String code;

    PortType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True when this port can carry data in the given direction. */
    public boolean allows(DataDirection direction) {
        return switch (this) {
            case READ -> !direction.isWrite();
            case WRITE -> direction.isWrite();
            case READ_WRITE -> true;
        };
    }

    public static PortType parse(String code) {
        for (PortType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
