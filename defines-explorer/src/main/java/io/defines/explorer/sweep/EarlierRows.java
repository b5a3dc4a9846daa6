package io.defines.explorer.sweep;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The complete lines of an earlier run's file (points.csv or details.jsonl), found by point key but
 * not held in memory: per point only the byte offset of its line (the last one for a key wins), read
 * back when the point's row is written again. Lines whose key is no point of this sweep are kept by
 * offset too, so that a stopped run hands them on as an earlier run did.
 */
final class EarlierRows implements Closeable {
    /** Where the line of each point starts (-1: none), by point index. */
    private final long[] offsets;
    /** Lines of keys that are no point of this sweep, by key. */
    private final Map<String, Long> foreign = new LinkedHashMap<>();
    private final Path file;
    private final String header;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long bufferStart = -1;

    /** Point indices sorted by key, for finding a key's point without a map of every key. */
    static final class KeyIndex {
        private final List<String> keys;
        private final int[] byKey;

        KeyIndex(List<String> keys) {
            this.keys = keys;
            Integer[] idx = new Integer[keys.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, Comparator.comparing(keys::get));
            this.byKey = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        }

        /** Position in {@link #byKey} of the first point with this key, or -1. */
        int find(String key) {
            int lo = 0;
            int hi = byKey.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (keys.get(byKey[mid]).compareTo(key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < byKey.length && keys.get(byKey[lo]).equals(key) ? lo : -1;
        }

        /** Sets {@code offsets[i] = offset} for every point i with the key found at {@code position} (equal keys are equal points). */
        void setAll(int position, long[] offsets, long offset) {
            String key = keys.get(byKey[position]);
            for (int p = position; p < byKey.length && keys.get(byKey[p]).equals(key); p++) {
                offsets[byKey[p]] = offset;
            }
        }

        int size() {
            return keys.size();
        }
    }

    private EarlierRows(Path file, String header, long[] offsets) {
        this.file = file;
        this.header = header;
        this.offsets = offsets;
    }

    /** No earlier lines. */
    static EarlierRows none(int points) {
        long[] o = new long[points];
        Arrays.fill(o, -1);
        return new EarlierRows(null, null, o);
    }

    /**
     * Indexes the complete lines of {@code file} (after a header line when {@code hasHeader}); {@code keyOf}
     * gives a line's point key, or null to skip it. An incomplete last line (no newline) is ignored.
     */
    static EarlierRows index(Path file, boolean hasHeader, KeyIndex keys, Function<String, String> keyOf) throws IOException {
        long[] offsets = new long[keys.size()];
        Arrays.fill(offsets, -1);
        EarlierRows rows = new EarlierRows(file, null, offsets);
        String header = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long pos = 0;
            long start = 0;
            int b;
            boolean first = true;
            while ((b = in.read()) >= 0) {
                pos++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (first && hasHeader) {
                    header = text;
                } else {
                    String key = keyOf.apply(text);
                    if (key != null) {
                        int at = keys.find(key);
                        if (at >= 0) {
                            keys.setAll(at, offsets, start);
                        } else {
                            rows.foreign.remove(key);
                            rows.foreign.put(key, start);
                        }
                    }
                }
                first = false;
                start = pos;
            }
        }
        return new EarlierRows(file, header, offsets).withForeign(rows.foreign);
    }

    private EarlierRows withForeign(Map<String, Long> f) {
        foreign.putAll(f);
        return this;
    }

    /** The header line (without newline) of a file indexed with one; null when it had no complete line. */
    String header() {
        return header;
    }

    boolean has(int point) {
        return offsets[point] >= 0;
    }

    /** Forgets the line of a point (one without a matching line in the other file). */
    void drop(int point) {
        offsets[point] = -1;
    }

    /** The line (without newline) of a point that {@link #has} one. */
    String line(int point) throws IOException {
        return lineAt(offsets[point]);
    }

    private String lineAt(long offset) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        while (true) {
            if (bufferStart >= 0 && offset >= bufferStart && offset < bufferStart + buffer.limit()) {
                int from = (int) (offset - bufferStart);
                for (int k = from; k < buffer.limit(); k++) {
                    if (buffer.get(k) == '\n') {
                        return new String(buffer.array(), from, k - from, StandardCharsets.UTF_8);
                    }
                }
                if (from == 0 && buffer.limit() == buffer.capacity()) {
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2); // a line longer than the buffer
                }
            }
            buffer.clear();
            bufferStart = offset;
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // fill
            }
            buffer.flip();
            if (buffer.limit() == 0) {
                throw new IOException(file + ": no line at byte " + offset);
            }
        }
    }

    /**
     * Writes to {@code out} the lines of every point not in {@code except}, in point order, then the
     * lines of keys that are no point of this sweep: what a stopped run leaves for the next one.
     */
    void copyAllBut(BitSet except, String headerLine, OutputStream out) throws IOException {
        merge(null, this, except, headerLine, out);
    }

    /**
     * Writes the header line (when not null), then per point not in {@code except} its line in
     * {@code newer}, else in {@code older} (may be null), then the foreign lines of both (newer wins).
     */
    static void merge(EarlierRows older, EarlierRows newer, BitSet except, String headerLine, OutputStream out) throws IOException {
        if (headerLine != null) {
            out.write((headerLine + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < newer.offsets.length; i++) {
            if (except.get(i)) {
                continue;
            }
            EarlierRows from = newer.has(i) ? newer : older != null && older.has(i) ? older : null;
            if (from != null) {
                out.write((from.line(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (older != null) {
            for (Map.Entry<String, Long> e : older.foreign.entrySet()) {
                if (!newer.foreign.containsKey(e.getKey())) {
                    out.write((older.lineAt(e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        for (long o : newer.foreign.values()) {
            out.write((newer.lineAt(o) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
