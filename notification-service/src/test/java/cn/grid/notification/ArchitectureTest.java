package cn.grid.notification;

import cn.grid.testsupport.LayerRules;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    @Test
    void layersStayHonest() {
        LayerRules.verify("cn.grid.notification");
    }

    /**
     * The rules read events and a Directory and nothing else: no store, no HTTP, no transactions, no Kafka — so each
     * rule is tested without a server (WhoMustKnowTest), and the one place that says who must know stays readable.
     */
    @Test
    void theRulesArePlainCode() {
        noClasses().that().resideInAPackage("cn.grid.notification.app.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.grid.notification.api..",
                        "cn.grid.notification.persistence..", "cn.grid.notification.messaging..", "io.quarkus..",
                        "io.vertx..", "jakarta.persistence..", "jakarta.transaction..", "jakarta.ws.rs..",
                        "org.hibernate..", "org.apache.kafka..", "cn.grid.platform.outbox..",
                        "cn.grid.platform.consumer..")
                .because("the rules are tested without a server (WhoMustKnowTest)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.grid.notification.app.rules"));
    }
}
