package io.defines.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (the folder holding workloads/ and hardware/) from the test's working directory. */
public final class RepoPaths {

    private RepoPaths() {
    }

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("workloads")) && Files.isDirectory(p.resolve("hardware"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (with workloads/ and hardware/) above " + Path.of("").toAbsolutePath());
    }

    public static Path resource(String name) {
        try {
            return Path.of(RepoPaths.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("test resource " + name + " not found", e);
        }
    }
}
