package io.defines.explorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries as tests, over the main classes of every module on the explorer's class path:
 * the result files are owned by defines-results, which knows nothing of the model; the plot module
 * draws from result files only; the explorer draws figures only from its command line.
 */
@AnalyzeClasses(packages = "io.defines", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule explorerDrawsOnlyFromTheCommandLine = noClasses()
            .that().resideInAPackage("io.defines.explorer..").and().resideOutsideOfPackage("io.defines.explorer.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.defines.plot..")
            .because("figures are drawn from the explorer's data by its cli package only");

    @ArchTest
    static final ArchRule sweepDoesNotDependOnPlot = noClasses()
            .that().resideInAPackage("io.defines.explorer.sweep..")
            .should().dependOnClassesThat().resideInAPackage("io.defines.plot..")
            .because("the Pareto filter and the file contract live in defines-results");

    @ArchTest
    static final ArchRule resultFilesDoNotDependOnTheCore = noClasses()
            .that().resideInAPackage("io.defines.results..")
            .should().dependOnClassesThat().resideInAPackage("io.defines.core..")
            .because("the result-file contract is read by plot, which has no model");

    @ArchTest
    static final ArchRule plotReadsResultFilesOnly = noClasses()
            .that().resideInAPackage("io.defines.plot..")
            .should().dependOnClassesThat().resideInAnyPackage("io.defines.core..", "io.defines.explorer..")
            .because("plot draws from result files, through defines-results");

    @ArchTest
    static final ArchRule resultWritersDoNotKnowTheSweep = noClasses()
            .that().resideInAPackage("io.defines.explorer.results..")
            .should().dependOnClassesThat().resideInAPackage("io.defines.explorer.sweep..")
            .because("the writers take cells and columns; the sweep builds them");
}
