package io.defines.core;

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
}
