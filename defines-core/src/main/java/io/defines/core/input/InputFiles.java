package io.defines.core.input;

import io.defines.core.hardware.Accelerator;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading any YAML input file: tells accelerators, workloads and mappings apart by their content,
 * and finds the workload and accelerator a mapping belongs to by the library's layout
 * ({@code hardware/mappings/<family>/<workload>.yaml} → {@code hardware/<family>.yaml} and
 * {@code workloads/<workload>.yaml}). ONNX models are read by {@code io.defines.core.load.Inputs},
 * which comes here for everything else.
 */
public final class InputFiles {

    /** The kinds of input file defines reads. */
    public enum Kind { ACCELERATOR, WORKLOAD, MAPPING }

    private InputFiles() {
    }

    /** Which kind a parsed document is, or null when it looks like none of them. */
    public static Kind detect(Node root) {
        if (root instanceof MapNode m) {
            if (m.entries().containsKey("memories") || m.entries().containsKey("operational_array")) {
                return Kind.ACCELERATOR;
            }
            return null;
        }
        if (root instanceof ListNode l && !l.items().isEmpty() && l.items().get(0) instanceof MapNode first) {
            var keys = first.entries().keySet();
            if (keys.contains("equation") || keys.contains("loop_dims") || keys.contains("operator_type") || keys.contains("id")) {
                return Kind.WORKLOAD;
            }
            if (keys.contains("spatial_mapping") || keys.contains("memory_operand_links")
                    || keys.contains("spatial_mapping_hint") || keys.contains("name")) {
                return Kind.MAPPING;
            }
        }
        return null;
    }

    /** Context for cross-file checks of a mapping; either part may be null. */
    public record MappingContext(Path workload, Path accelerator) {
        public static final MappingContext NONE = new MappingContext(null, null);
    }

    private static final Pattern DIRECTIVE =
            Pattern.compile("^#\\s*defines-(workload|accelerator):\\s*(\\S.*?)\\s*$");

    /**
     * The context a mapping file names itself in its leading comment lines, e.g.
     * {@code # defines-workload: ../../workloads/fsrcnn.yaml} and {@code # defines-accelerator: …}
     * (paths relative to the mapping file; other tools ignore the comments). Null when there is none.
     */
    public static MappingContext declaredContext(Path mappingFile) {
        Path workload = null;
        Path accelerator = null;
        String text = InputText.read(mappingFile, new Problems(mappingFile.toString())); // its problems are the reader's to report
        if (text == null) {
            return null;
        }
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (!line.startsWith("#") && !line.isBlank()) {
                break;
            }
            Matcher m = DIRECTIVE.matcher(line);
            if (m.matches()) {
                Path p = mappingFile.toAbsolutePath().getParent().resolve(m.group(2)).normalize();
                if (m.group(1).equals("workload")) {
                    workload = p;
                } else {
                    accelerator = p;
                }
            }
        }
        return workload == null && accelerator == null ? null : new MappingContext(workload, accelerator);
    }

    /** A file's name without its extension: the name the library layout knows a workload or accelerator by. */
    public static String stem(Path file) {
        return WorkloadReader.stem(file);
    }

    /**
     * The library layout's mapping for a workload on an accelerator (the inverse of
     * {@link #conventionalContext}): {@code <accelerator folder>/mappings/<family>/<workload>.yaml}, the
     * family being the accelerator's name without {@code -df}.
     */
    public static Path libraryMapping(Path accelerator, Path workload) {
        String family = stem(accelerator).replaceFirst("-df$", "");
        return accelerator.toAbsolutePath().getParent().resolve("mappings").resolve(family).resolve(stem(workload) + ".yaml");
    }

    /** The conventional context of a mapping file, from its path; parts that do not exist are null. */
    public static MappingContext conventionalContext(Path mappingFile) {
        Path abs = mappingFile.toAbsolutePath().normalize();
        Path family = abs.getParent();
        Path mappings = family == null ? null : family.getParent();
        Path hardware = mappings == null ? null : mappings.getParent();
        if (hardware == null || !"mappings".equals(mappings.getFileName().toString())
                || !"hardware".equals(hardware.getFileName().toString())) {
            return MappingContext.NONE;
        }
        String stem = WorkloadReader.stem(abs);
        Path acc = hardware.resolve(family.getFileName() + ".yaml");
        Path wl = hardware.getParent() == null ? null : hardware.getParent().resolve("workloads").resolve(stem + ".yaml");
        return new MappingContext(wl != null && Files.isRegularFile(wl) ? wl : null, Files.isRegularFile(acc) ? acc : null);
    }

    /** Result of validating one file of any kind. */
    public record Validation(Path file, Kind kind, Object value, List<Diagnostic> diagnostics) {

        /** The validation of a file of a known kind. */
        public static Validation of(Path file, Kind kind, Parsed<?> parsed) {
            return new Validation(file, kind, parsed.value(), parsed.diagnostics());
        }

        public boolean ok() {
            return value != null && diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    /**
     * Validates one YAML file. Mappings are checked against {@code context} when given, else against
     * the context their header comments declare ({@link #declaredContext}), else the conventional
     * context of their path; {@code workloads} reads a context workload (a YAML file or, through
     * {@code io.defines.core.load.Inputs}, which validates any input file, an ONNX model).
     */
    public static Validation validate(Path file, MappingContext context, Function<Path, Parsed<Workload>> workloads) {
        Problems problems = new Problems(file.toString());
        Node root = YamlTreeReader.read(file, problems);
        if (root == null) {
            return new Validation(file, null, null, problems.diagnostics());
        }
        Kind kind = detect(root);
        if (kind == null) {
            problems.error(root, "cannot tell what this file is: an accelerator has 'memories' and 'operational_array', a workload is a list of"
                    + " layers with 'id' and 'equation', a mapping a list of entries with 'name' and 'spatial_mapping'",
                    "compare it with hardware/meta-prototype.yaml, workloads/fsrcnn.yaml or hardware/mappings/meta-prototype/fsrcnn.yaml");
            return new Validation(file, null, null, problems.diagnostics());
        }
        return switch (kind) {
            case ACCELERATOR -> Validation.of(file, kind, AcceleratorReader.fromTree(root, problems));
            case WORKLOAD -> Validation.of(file, kind, WorkloadReader.fromTree(root, problems, WorkloadReader.stem(file)));
            case MAPPING -> validateMapping(file, root, problems, context, workloads);
        };
    }


    private static Validation validateMapping(Path file, Node root, Problems problems, MappingContext given,
                                              Function<Path, Parsed<Workload>> workloads) {
        MappingContext ctx = given;
        if (ctx == null || (ctx.workload() == null && ctx.accelerator() == null)) {
            MappingContext declared = declaredContext(file);
            ctx = declared != null ? declared : conventionalContext(file);
        }
        List<Diagnostic> extra = new ArrayList<>();
        Workload workload = null;
        Accelerator accelerator = null;
        for (Path declaredFile : Arrays.asList(ctx.workload(), ctx.accelerator())) {
            if (declaredFile != null && !Files.isRegularFile(declaredFile)) {
                problems.error(1, 1, "", "the context file " + declaredFile + " does not exist",
                        "fix the '# defines-workload:' / '# defines-accelerator:' comment or the --workload/--accelerator option");
                return new Validation(file, Kind.MAPPING, null, problems.diagnostics());
            }
        }
        if (ctx.workload() != null) {
            Parsed<Workload> w = workloads.apply(ctx.workload());
            workload = w.value();
            if (!w.ok()) {
                extra.add(contextProblem(file, "workload", ctx.workload()));
            }
        }
        if (ctx.accelerator() != null) {
            Parsed<Accelerator> a = AcceleratorReader.read(ctx.accelerator());
            accelerator = a.value();
            if (!a.ok()) {
                extra.add(contextProblem(file, "accelerator", ctx.accelerator()));
            }
        }
        Parsed<Mapping> m = MappingReader.fromTree(root, problems, WorkloadReader.stem(file), workload, accelerator);
        List<Diagnostic> all = new ArrayList<>(m.diagnostics());
        all.addAll(extra);
        return new Validation(file, Kind.MAPPING, m.value(), all);
    }

    private static Diagnostic contextProblem(Path file, String what, Path other) {
        return new Diagnostic(Diagnostic.Severity.WARNING, file.toString(), 1, 1, "",
                "not checked against " + what + " " + other + " because that file has errors",
                "run './defines validate " + other + "' and fix it first");
    }
}
