package io.defines.explorer.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code defines} command line. Exit codes: 0 success; 2 invalid input or usage (a file, an option,
 * an output folder that cannot take the results, a folder another sweep is writing into), always with
 * a "Maybe …" hint; 1 internal error (a bug: never for bad input). validate exits with the worst verdict
 * of its files, an internal error (1) before invalid input (2).
 */
@Command(name = "defines", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Depth-first (layer-fusion) schedule exploration for DNN accelerators.",
        subcommands = {ValidateCommand.class, DescribeCommand.class, EvaluateCommand.class, OptimizeCommand.class, SweepCommand.class, MergeCommand.class, PlotCommand.class, ValidateModelCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_INVALID = 2;

    @Option(names = "--debug", description = "Print stack traces of internal errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The arguments of this JVM's command line (for a sweep that restarts itself with the optimising compiler). */
    static volatile String[] originalArgs = new String[0];

    /** Runs the CLI with the given streams; used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        originalArgs = args.clone();
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("defines: internal error: " + ex);
            if (main.debug) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("  (run again with --debug for the stack trace, and please report it)");
            }
            return EXIT_INTERNAL;
        });
        CommandLine.IParameterExceptionHandler picocliDefault = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, arguments) -> {
            // a converter's rejection carries its own hint: print it as the command's error, like every other input problem
            if (ex.getCause() instanceof CommandLine.TypeConversionException tce && tce.getMessage().contains(". Maybe ")) {
                return usageError(ex.getCommandLine().getErr(), ex.getCommandLine().getCommandName(), tce.getMessage());
            }
            return picocliDefault.handleParseException(ex, arguments);
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Prints "defines COMMAND: problem" and its "Maybe …" hint (split from a message "…. Maybe …"); returns {@link #EXIT_INVALID}. */
    /** Prints a file's errors and warnings (on stderr, before any result); whether it is valid. */
    static boolean report(io.defines.core.input.Parsed<?> p, PrintWriter err) {
        for (io.defines.core.input.Diagnostic d : p.diagnostics()) {
            err.println(d.render());
        }
        err.flush();
        return p.ok();
    }

    static int usageError(PrintWriter err, String command, String message) {
        String[] parts = message.split("\\. Maybe ", 2);
        err.println("defines " + command + ": " + parts[0]);
        err.println("  Maybe " + (parts.length > 1 ? parts[1] : "see ./defines " + command + " --help"));
        return EXIT_INVALID;
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"defines " + (v == null ? "development build" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
