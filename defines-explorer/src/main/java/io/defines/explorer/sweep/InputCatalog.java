package io.defines.explorer.sweep;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.InvalidInputException;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.load.Inputs;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs of a list of design points, read and validated once: the workloads (per file and, for
 * ONNX files, import options), the accelerators and the mappings; the SHA-256 of every input file;
 * each point's key (a hash of its resolved inputs, which is how a resumed run recognises a finished
 * point); the memories of all accelerators.
 */
public final class InputCatalog {
    private final List<DesignPoint> points;
    private final Map<List<Object>, Parsed<Workload>> workloads = new HashMap<>();
    private final Map<Path, Parsed<Accelerator>> accelerators = new HashMap<>();
    private final Map<List<Path>, Mapping> mappings = new HashMap<>();
    /** SHA-256 (hex) of every input file's contents, in first-use order. */
    private final Map<Path, String> fileHashes = new LinkedHashMap<>();
    private final List<String> keys;
    /** Every memory name of the points' accelerators, by first appearance. */
    private final List<String> memoryNames;

    /**
     * Reads and validates every input file once. Throws {@link InvalidInputException} with the
     * diagnostics of all files when any is invalid: a sweep does not start on bad input.
     */
    public InputCatalog(List<DesignPoint> points) throws IOException {
        this.points = List.copyOf(points);
        List<Diagnostic> problems = read();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<String> k = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (DesignPoint p : this.points) {
            k.add(key(p));
            accelerator(p).memories().forEach(m -> names.add(m.name()));
        }
        this.keys = List.copyOf(k);
        this.memoryNames = List.copyOf(names);
    }

    /** The warnings of the input files, each once (a file read for several points is read once). */
    public List<Diagnostic> warnings() {
        List<Diagnostic> out = new ArrayList<>();
        workloads.values().forEach(w -> w.diagnostics().stream().filter(d -> !d.isError()).forEach(out::add));
        accelerators.values().forEach(a -> a.diagnostics().stream().filter(d -> !d.isError()).forEach(out::add));
        out.addAll(mappingWarnings);
        return out;
    }

    private final List<Diagnostic> mappingWarnings = new ArrayList<>();

    private List<Diagnostic> read() {
        List<Diagnostic> problems = new ArrayList<>();
        for (DesignPoint p : points) {
            Parsed<Workload> w = workloads.computeIfAbsent(workloadKey(p), k -> Inputs.readWorkload(p.workload(), p.onnx()));
            Parsed<Accelerator> a = accelerators.computeIfAbsent(p.accelerator(), AcceleratorReader::read);
            List<Path> mk = mappingKey(p);
            if (w.ok() && a.ok() && !mappings.containsKey(mk)) {
                Parsed<Mapping> m = MappingReader.read(p.mapping(), w.value(), a.value());
                m.diagnostics().stream().filter(d -> !d.isError()).forEach(mappingWarnings::add);
                if (m.ok()) {
                    mappings.put(mk, m.value());
                } else {
                    problems.addAll(m.errors());
                    mappings.put(mk, null);
                }
            }
        }
        workloads.values().forEach(w -> problems.addAll(w.errors()));
        accelerators.values().forEach(a -> problems.addAll(a.errors()));
        return problems;
    }

    public int size() {
        return points.size();
    }

    public DesignPoint point(int i) {
        return points.get(i);
    }

    /** The key of point {@code i}. */
    public String key(int i) {
        return keys.get(i);
    }

    /** The point keys, in point order. */
    public List<String> keys() {
        return keys;
    }

    /** SHA-256 (hex) over every point key in order: what identifies an exploration across shards and machines. */
    public String pointsHash() {
        Hasher h = Hashing.sha256().newHasher();
        keys.forEach(k -> h.putString(k, StandardCharsets.UTF_8).putChar('\n'));
        return h.hash().toString();
    }

    /** Every memory name of the points' accelerators, by first appearance. */
    public List<String> memoryNames() {
        return memoryNames;
    }

    /** SHA-256 (hex) of every input file's contents, as hashed into the point keys (for the manifest). */
    public Map<Path, String> fileHashes() {
        return Collections.unmodifiableMap(fileHashes);
    }

    public Workload workload(DesignPoint p) {
        return workloads.get(workloadKey(p)).value();
    }

    public Accelerator accelerator(DesignPoint p) {
        return accelerators.get(p.accelerator()).value();
    }

    public Mapping mapping(DesignPoint p) {
        return mappings.get(mappingKey(p));
    }

    /** A workload is read once per file and, for ONNX files, import options. */
    private static List<Object> workloadKey(DesignPoint p) {
        return Inputs.isOnnx(p.workload()) ? List.of(p.workload(), p.onnx()) : List.of(p.workload());
    }

    /** A mapping is read once per file and the workload and accelerator it maps. */
    private static List<Path> mappingKey(DesignPoint p) {
        return List.of(p.mapping(), p.workload(), p.accelerator());
    }

    /** SHA-256 over the contents of the three files and the schedule, as hex. */
    private String key(DesignPoint p) throws IOException {
        Hasher h = Hashing.sha256().newHasher();
        for (Path f : List.of(p.workload(), p.accelerator(), p.mapping())) {
            String fh = fileHashes.get(f);
            if (fh == null) {
                fh = Hashing.sha256().hashBytes(Files.readAllBytes(f)).toString();
                fileHashes.put(f, fh);
            }
            h.putString(fh, StandardCharsets.UTF_8).putChar('|');
        }
        h.putString(p.tileX() + "x" + p.tileY() + "|" + p.horizontal() + "|" + p.vertical() + "|" + p.lpfLimit() + "|" + p.compat() + "|"
                + p.cuts(), StandardCharsets.UTF_8);
        if (Inputs.isOnnx(p.workload())) {
            h.putString("|" + p.onnx(), StandardCharsets.UTF_8); // the import options change the workload
        }
        return h.hash().toString().substring(0, 16);
    }
}
