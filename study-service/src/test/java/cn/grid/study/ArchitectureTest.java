package cn.grid.study;

import cn.grid.testsupport.LayerRules;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    @Test
    void layersStayHonest() {
        LayerRules.verify("cn.grid.study");
    }

    /** The xAPI statement rules read JSON and nothing else: no store, no events, no CDI, no HTTP, no transactions. */
    @Test
    void theXapiStatementRulesArePlainCode() {
        noClasses().that().resideInAPackage("cn.grid.study.app.xapi..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.grid.study.api..",
                        "cn.grid.study.persistence..", "cn.grid.study.messaging..", "io.quarkus..", "io.vertx..",
                        "jakarta..", "org.hibernate..", "org.eclipse.microprofile..")
                .because("the validator is tested without a server (XapiStatementValidatorTest)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.grid.study.app.xapi"));
    }
}
