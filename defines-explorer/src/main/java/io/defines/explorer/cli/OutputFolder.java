package io.defines.explorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.defines.results.ResultSchema.Manifest;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A sweep's output folder: the checks before a sweep writes into it, and the lock that keeps a second
 * sweep out of it while one runs ({@code DIR/.lock}, an OS file lock, with the holder's process id
 * in it; the OS releases it when the process ends, however it ends).
 */
final class OutputFolder implements AutoCloseable {
    static final String LOCK = ".lock";
    /** What a sweep, an interrupted sweep, a plot (figures/) and shard runs (shard-i-of-N/) leave in a folder. */
    private static final Pattern OURS = Pattern.compile("(points\\.csv|details\\.jsonl)(\\.old)?(\\.tmp)?|pareto\\.csv|manifest\\.json"
            + "|\\.lock|figures|shard-\\d+-of-\\d+");

    /** A folder the sweep may not write into: the message ends with ". Maybe …" (for {@link Main#usageError}). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputFolder(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Why {@code dir} cannot take the results of the exploration named {@code name}: it is a file, it
     * cannot be created or written, it holds files a sweep does not write, or the results of another
     * exploration (by the manifest's name). Creates the folder when it does not exist.
     */
    static void check(Path dir, String name) throws Refused {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Refused("--out " + dir + " is a file, not a folder. Maybe --out " + dir + "-results");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Refused("cannot create the output folder " + dir + " (" + reason(e) + "). Maybe --out a folder you can write to");
        }
        if (!Files.isWritable(dir)) {
            throw new Refused("the output folder " + dir + " is read-only. Maybe --out a folder you can write to");
        }
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !OURS.matcher(n).matches()).sorted().forEach(foreign::add);
        } catch (IOException e) {
            throw new Refused("cannot list the output folder " + dir + " (" + reason(e) + "). Maybe --out another folder");
        }
        if (!foreign.isEmpty()) {
            throw new Refused("the output folder " + dir + " holds files that are not results of a sweep (" + String.join(", ",
                    foreign.subList(0, Math.min(3, foreign.size()))) + (foreign.size() > 3 ? ", …" : "")
                    + "). Maybe --out a new or empty folder, e.g. --out " + dir.resolve(name));
        }
        Path manifest = dir.resolve(ResultSchema.MANIFEST_JSON);
        if (Files.exists(manifest)) {
            String theirs;
            try {
                JsonNode m = new ObjectMapper().readTree(manifest.toFile());
                theirs = m == null || !m.hasNonNull(Manifest.NAME) ? null : m.get(Manifest.NAME).asText();
            } catch (IOException e) {
                theirs = null;
            }
            if (theirs == null) {
                throw new Refused(manifest + " is not the manifest of a sweep. Maybe --out a new or empty folder");
            }
            if (!theirs.equals(name)) {
                throw new Refused("the output folder " + dir + " holds the results of exploration '" + theirs + "', not '" + name
                        + "'. Maybe --out a new folder, or delete " + dir + " to start over");
            }
        }
    }

    /** Locks {@code dir} (which {@link #check} accepted) for this process; refused when another sweep holds it. */
    static OutputFolder lock(Path dir) throws Refused {
        Path file = dir.resolve(LOCK);
        FileChannel channel = null;
        try {
            channel = new RandomAccessFile(file.toFile(), "rw").getChannel();
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new Refused("another sweep is writing into " + dir + " (process " + (holder.isEmpty() ? "?" : holder)
                        + "). Maybe wait for it to end, stop it (kill " + (holder.isEmpty() ? "PID" : holder) + "), or --out another folder");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new OutputFolder(file, channel, lock);
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // reporting the first problem
            }
            throw new Refused("cannot lock the output folder " + dir + " (" + reason(e) + "). Maybe --out a folder you can write to");
        }
    }

    /** Releases the lock and removes the lock file (deleted while still held, so no other sweep locks a file about to vanish). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException ignored) {
            // a lock file left behind does not block: the lock itself is released below or at exit
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // released by the OS at exit
        }
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
