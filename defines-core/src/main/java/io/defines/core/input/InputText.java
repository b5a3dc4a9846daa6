package io.defines.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one place where text input files (YAML inputs, explorations, measurement CSVs) are opened and
 * decoded (docs/input-formats.md, "Reading files"). Before reading, a file that is not a regular file
 * ({@code /dev/zero}, a directory, a pipe) or is larger than {@link #MAX_BYTES} is refused. The bytes
 * are decoded as strict UTF-8: a UTF-8 byte-order mark is skipped, a UTF-16/UTF-32 byte-order mark,
 * a malformed byte sequence and a NUL byte are errors at their line and column. Nothing is guessed or
 * replaced silently.
 */
public final class InputText {

    /** Largest input file read, in bytes (64 MiB); larger files are refused before reading. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** At most this many encoding problems are listed one by one; the rest are counted. */
    static final int MAX_LISTED = 10;

    private static final String SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)";

    private InputText() {
    }

    /** The text of {@code path}, or null with the reasons reported to {@code problems} at 1:1 or at the offending byte. */
    public static String read(Path path, Problems problems) {
        byte[] bytes = readBytes(path, problems);
        return bytes == null ? null : decode(bytes, problems);
    }

    /** The bytes of a regular file of at most {@link #MAX_BYTES}, or null with the reason reported at 1:1. */
    static byte[] readBytes(Path path, Problems problems) {
        if (!Files.exists(path)) {
            problems.error(1, 1, "", "file not found", "check the path; it is resolved against " + Path.of("").toAbsolutePath());
            return null;
        }
        if (Files.isDirectory(path)) {
            problems.error(1, 1, "", "this is a folder, not a file", "name a file inside it");
            return null;
        }
        if (!Files.isRegularFile(path)) {
            problems.error(1, 1, "", "not a regular file (a device, a pipe or a socket); defines reads input files only",
                    "save the input to a file and name that file");
            return null;
        }
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                problems.error(1, 1, "", "the file has " + size + " bytes, more than the limit of " + MAX_BYTES + " (64 MiB) for an input file",
                        "check that this is the file you meant: defines inputs are small text files");
                return null;
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1); // the file may have grown since size()
                if (bytes.length > MAX_BYTES) {
                    problems.error(1, 1, "", "the file has more than " + MAX_BYTES + " bytes (64 MiB), the limit for an input file",
                            "check that this is the file you meant: defines inputs are small text files");
                    return null;
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            problems.error(1, 1, "", "file not found", "check the path; it is resolved against " + Path.of("").toAbsolutePath());
            return null;
        } catch (IOException e) {
            problems.error(1, 1, "", "cannot read the file: " + e.getMessage(), "check the path and its permissions");
            return null;
        }
    }

    /**
     * Decodes {@code bytes} as strict UTF-8, skipping a UTF-8 byte-order mark; null when there were
     * problems (each reported at its line and column, columns counted in characters).
     */
    public static String decode(byte[] bytes, Problems problems) {
        String bom = foreignBom(bytes);
        if (bom != null) {
            problems.error(1, 1, "", "the file starts with a " + bom + " byte-order mark; defines reads UTF-8 only", SAVE_AS_UTF8);
            return null;
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
        Position pos = new Position();
        int errors = 0;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (!r.isError()) {
                break; // underflow: all decoded (the buffer is large enough never to overflow)
            }
            pos.advance(out); // positions are counted only up to an error, so a good file is not scanned twice
            int bad = in.get(in.position()) & 0xFF;
            if (errors < MAX_LISTED) {
                problems.error(pos.line, pos.column, "", String.format(Locale.ROOT,
                        "byte 0x%02X is not valid UTF-8 (the file is in another encoding, Latin-1 or Windows-1252 perhaps)", bad),
                        SAVE_AS_UTF8 + ", or replace the character at this position");
            }
            errors++;
            in.position(in.position() + r.length());
            out.put('\uFFFD'); // keeps the columns of what follows right
        }
        decoder.flush(out);
        out.flip();
        errors += reportNuls(out, problems, errors);
        if (errors > MAX_LISTED) {
            problems.error(1, 1, "", (errors - MAX_LISTED) + " more encoding problems than the " + MAX_LISTED + " listed", SAVE_AS_UTF8);
        }
        return errors > 0 ? null : out.toString();
    }

    /**
     * Reports NUL characters (a binary or UTF-16 file) of text that did not come through {@link #read};
     * returns how many there are. {@code listedBefore} problems were listed already.
     */
    public static int reportNuls(CharSequence text, Problems problems, int listedBefore) {
        int nuls = 0;
        Position pos = new Position();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                if (listedBefore + nuls < MAX_LISTED) {
                    pos.advanceTo(text, i);
                    problems.error(pos.line, pos.column, "", "NUL byte (0x00): this is not a text file",
                            "the file looks binary or UTF-16; name the YAML/CSV text file, or " + SAVE_AS_UTF8);
                }
                nuls++;
            }
        }
        return nuls;
    }

    private static String foreignBom(byte[] b) {
        int b0 = b.length > 0 ? b[0] & 0xFF : -1;
        int b1 = b.length > 1 ? b[1] & 0xFF : -1;
        boolean zeroZero = b.length >= 4 && b[2] == 0 && b[3] == 0;
        if (b0 == 0xFF && b1 == 0xFE) {
            return zeroZero ? "UTF-32 (little-endian)" : "UTF-16 (little-endian)";
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return "UTF-16 (big-endian)";
        }
        if (b.length >= 4 && b0 == 0 && b1 == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return "UTF-32 (big-endian)";
        }
        return null;
    }

    /**
     * Line and column (1-based, in characters; a line break is LF, CRLF or a lone CR) of the next
     * character to be decoded, updated incrementally so that decoding stays linear.
     */
    private static final class Position {
        int line = 1;
        int column = 1;
        private int seen;
        private boolean lastWasCr;

        /** Accounts for the characters {@code out} received since the last call (it is written, not flipped). */
        void advance(CharBuffer out) {
            int end = out.position();
            for (; seen < end; seen++) {
                step(out.get(seen));
            }
        }

        void advanceTo(CharSequence text, int index) {
            for (; seen < index; seen++) {
                step(text.charAt(seen));
            }
        }

        private void step(char c) {
            if (c == '\n') {
                if (!lastWasCr) {
                    line++;
                }
                column = 1;
            } else if (c == '\r') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
            lastWasCr = c == '\r';
        }
    }
}
