package io.defines.explorer.cli;

import io.defines.explorer.sweep.ShardMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code defines merge}: shard folders of one exploration into one result folder. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combine the folders of ./defines sweep --shard i/N runs into one result folder:",
                "points.csv, details.jsonl and pareto.csv as a single local run writes them, and a manifest recording every shard."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "The shards' output folders.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The merged result folder.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ShardMerge.Result r = ShardMerge.merge(dirs, out);
            spec.commandLine().getOut().printf("merged %d shards, %d points → %s%n", r.shards(), r.points(), r.out());
            return Main.EXIT_OK;
        } catch (ShardMerge.MergeException e) {
            err.println("defines merge: " + e.getMessage());
            err.println("  Maybe " + e.hint());
            return Main.EXIT_INVALID;
        }
    }
}
