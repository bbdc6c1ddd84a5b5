package cn.grid.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layer rules every service keeps (packages by role: api, app, domain, persistence, messaging, config).
 *
 * <p>The domain knows nothing of HTTP, CDI, transactions, Kafka or JSON — only JPA annotations and the
 * platform's framework-free types — so the rules it encodes can be read and tested on their own.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /**
     * platform is the technical kit: it knows no service and no service's events. It may use the contracts' kernel
     * ({@code IntegrationEvent}, {@code EventTypes}) and nothing below it, with no exception: the grid read models,
     * the consumer-side projection of grid.events, live in the module grid-readmodel (docs/architecture.md, "Where
     * code goes").
     */
    public static void verifyPlatformKit() {
        JavaClasses platform = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.grid.platform");

        noClasses().that().resideInAPackage("cn.grid.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.grid.grid..", "cn.grid.study..",
                        "cn.grid.request..", "cn.grid.notification..", "cn.grid.gateway..", "cn.grid.seeds..",
                        "cn.grid.bench..")
                .because("platform is shared by every service and depends on none")
                .check(platform);

        noClasses().that().resideInAPackage("cn.grid.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.grid.contracts.events.*..")
                .because("the kit carries any event; what an event says belongs to its producer and consumers")
                .check(platform);
    }

    public static void verify(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);

        noClasses().that().resideInAPackage(servicePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        servicePackage + ".api..", servicePackage + ".app..", servicePackage + ".persistence..",
                        servicePackage + ".messaging..", servicePackage + ".config..",
                        "io.quarkus..", "io.smallrye..", "io.vertx..", "jakarta.ws.rs..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.transaction..", "org.eclipse.microprofile..",
                        "com.fasterxml.jackson..", "org.apache.kafka..", "org.hibernate..",
                        "cn.grid.platform.outbox..", "cn.grid.platform.consumer..")
                .because("the domain stays free of the api, persistence and framework layers")
                .check(classes);

        noClasses().that().resideInAPackage(servicePackage + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + ".persistence..",
                        servicePackage + ".messaging..")
                .because("resources go through the use-case services, which own transactions and scope checks")
                .check(classes);

        noClasses().that().resideInAnyPackage(servicePackage + ".app..", servicePackage + ".persistence..",
                        servicePackage + ".messaging..", servicePackage + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(servicePackage + ".api..")
                .because("nothing below the REST layer knows about it")
                .check(classes);
    }
}
