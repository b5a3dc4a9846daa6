package io.defines.core.onnx;

/**
 * A node whose shapes or attributes the importer cannot turn into a layer; reported at the node. With
 * {@code notModelled}, the operator is known but this use of it is not modelled (a ConvTranspose, a
 * Concat of feature maps): {@code --skip-unsupported} may then skip it under the same rule as an
 * unsupported operator (only where its output shape equals its input's).
 */
final class ShapeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;
    private final boolean notModelled;

    ShapeException(String message, String hint) {
        this(message, hint, false);
    }

    private ShapeException(String message, String hint, boolean notModelled) {
        super(message);
        this.hint = hint;
        this.notModelled = notModelled;
    }

    /** This use of the operator is not modelled: as an unsupported operator for {@code --skip-unsupported}. */
    static ShapeException notModelled(String message, String hint) {
        return new ShapeException(message, hint, true);
    }

    String hint() {
        return hint;
    }

    boolean isNotModelled() {
        return notModelled;
    }
}
