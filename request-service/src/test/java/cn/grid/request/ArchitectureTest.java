package cn.grid.request;

import cn.grid.testsupport.LayerRules;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class ArchitectureTest {

    @Test
    void layersStayHonest() {
        LayerRules.verify("cn.grid.request");
    }

    /**
     * Tighter than the suite's rule: the ticket's domain needs the JDK, JPA's mapping annotations and the
     * platform's framework-free problem, paging and credential types — nothing else, so its rules run in plain
     * JUnit.
     */
    @Test
    void theDomainNeedsOnlyTheJdkJpaAndThePlatformsFrameworkFreeTypes() {
        classes().that().resideInAPackage("cn.grid.request.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.persistence..",
                        "cn.grid.request.domain..", "cn.grid.platform.problem..", "cn.grid.platform.paging..",
                        "cn.grid.platform.credentials..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.grid.request.domain"));
    }
}
