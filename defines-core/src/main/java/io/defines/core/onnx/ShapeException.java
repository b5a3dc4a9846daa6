package io.defines.core.onnx;

/** A node whose shapes or attributes the importer cannot turn into a layer; reported at the node. */
final class ShapeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    ShapeException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
