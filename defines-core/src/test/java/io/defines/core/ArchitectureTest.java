package io.defines.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of defines-core as rules that fail the build when broken (main classes only;
 * tests may reach across).
 */
@AnalyzeClasses(packages = "io.defines.core", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    /** The YAML readers know nothing of ONNX; the importer builds on them, and io.defines.core.load picks one. */
    @ArchTest
    static final ArchRule inputDoesNotDependOnOnnx = noClasses().that().resideInAPackage("io.defines.core.input..")
            .should().dependOnClassesThat().resideInAPackage("io.defines.core.onnx..");

    /** The workload model is read by input and onnx, never the other way round. */
    @ArchTest
    static final ArchRule workloadDependsOnNeitherInputNorOnnx = noClasses().that().resideInAPackage("io.defines.core.workload..")
            .should().dependOnClassesThat().resideInAnyPackage("io.defines.core.input..", "io.defines.core.onnx..");

    /** The depth-first engine works on the domain records; reading files is the edge's job. */
    @ArchTest
    static final ArchRule depthFirstDoesNotReadInputs = noClasses().that().resideInAPackage("io.defines.core.depthfirst..")
            .should().dependOnClassesThat().resideInAnyPackage("io.defines.core.input..", "io.defines.core.onnx..", "io.defines.core.load..");

    /** The cost model of one layer knows no search: mappers implement its seam (LayerCostModel). */
    @ArchTest
    static final ArchRule costDoesNotDependOnMappers = noClasses().that().resideInAPackage("io.defines.core.cost..")
            .should().dependOnClassesThat().resideInAPackage("io.defines.core.mapper..");

    /** A schedule is a value the engine consumes; it does not know the engine. */
    @ArchTest
    static final ArchRule scheduleDoesNotDependOnTheEngine = noClasses().that().resideInAPackage("io.defines.core.schedule..")
            .should().dependOnClassesThat().resideInAnyPackage("io.defines.core.depthfirst..", "io.defines.core.input..");

    /** The engine is stateless: one instance serves any number of schedules and threads. */
    @ArchTest
    static final ArchRule engineFieldsAreFinal = fields().that().areDeclaredIn("io.defines.core.depthfirst.DepthFirstEngine")
            .should().beFinal();
}
