package io.monorail.ws.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The design card's arrows, enforced: dependencies point inward only. */
@AnalyzeClasses(
        packages = "io.monorail.ws",
        importOptions = {
            ImportOption.DoNotIncludeTests.class,
            ArchitectureTest.DoNotIncludeTestJars.class
        })
class ArchitectureTest {
    /** Production code only: the domain's test-jar (fakes, contract tests) is not production. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String JACKSON_TREE = "com.fasterxml.jackson.databind..";

    @ArchTest
    static final ArchRule protocolUsesOnlyTheJdkAndJackson =
            classes()
                    .that()
                    .resideInAPackage("io.monorail.ws.protocol..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            "java..", "io.monorail.ws.protocol..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdkAndTheProtocol =
            classes()
                    .that()
                    .resideInAPackage("io.monorail.ws.domain..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            "java..",
                            "io.monorail.ws.domain..",
                            "io.monorail.ws.protocol..",
                            // The protocol's JSON tree is the domain's value type for documents.
                            JACKSON_TREE)
                    .because("the domain is pure: no Guice, Jetty, RabbitMQ or MongoDB");

    @ArchTest
    static final ArchRule jettyAdapterDoesNotUseOtherAdapters =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.adapter.jetty..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.monorail.ws.adapter.rabbitmq..",
                            "io.monorail.ws.adapter.mongodb..",
                            "io.monorail.ws.app..");

    @ArchTest
    static final ArchRule rabbitAdapterDoesNotUseOtherAdapters =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.adapter.rabbitmq..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.monorail.ws.adapter.jetty..",
                            "io.monorail.ws.adapter.mongodb..",
                            "io.monorail.ws.app..",
                            "org.eclipse.jetty..",
                            "com.mongodb..");

    @ArchTest
    static final ArchRule mongoAdapterDoesNotUseOtherAdapters =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.adapter.mongodb..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.monorail.ws.adapter.jetty..",
                            "io.monorail.ws.adapter.rabbitmq..",
                            "io.monorail.ws.app..",
                            "org.eclipse.jetty..",
                            "com.rabbitmq..");

    @ArchTest
    static final ArchRule onlyAppUsesGuice =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.monorail.ws.app..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "com.google.inject..", "jakarta.inject..", "javax.inject..");

    @ArchTest
    static final ArchRule clientDependsOnNothingFromTheServer =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.client..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.monorail.ws.domain..",
                            "io.monorail.ws.adapter..",
                            "io.monorail.ws.app..");

    @ArchTest
    static final ArchRule nothingDependsOnTheApp =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.monorail.ws.app..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.monorail.ws.app..");

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles =
            slices().matching("io.monorail.ws.domain.(**)")
                    .should()
                    .beFreeOfCycles()
                    .because("each domain package builds on the ones below it, never the reverse");

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles =
            slices().matching("io.monorail.ws.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule adaptersUseOnlyTheDomainsPorts =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.adapter..")
                    .should()
                    .dependOnClassesThat(
                            com.tngtech.archunit.base.DescribedPredicate.describe(
                                    "domain classes outside domain.port",
                                    type ->
                                            type.getPackageName()
                                                            .startsWith("io.monorail.ws.domain")
                                                    && !type.getPackageName()
                                                            .startsWith(
                                                                    "io.monorail.ws.domain.port")))
                    .because("adapters plug into the ports; the domain's inside is not theirs");

    @ArchTest
    static final ArchRule inPortsDoNotKnowOutPorts =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.domain.port.in..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.monorail.ws.domain.port.out..");

    @ArchTest
    static final ArchRule outPortsDoNotKnowInPorts =
            noClasses()
                    .that()
                    .resideInAPackage("io.monorail.ws.domain.port.out..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.monorail.ws.domain.port.in..");

    @ArchTest
    static final ArchRule portsDependOnlyOnPortsAndTheProtocol =
            classes()
                    .that()
                    .resideInAPackage("io.monorail.ws.domain.port..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage(
                            "java..",
                            "io.monorail.ws.domain.port..",
                            "io.monorail.ws.protocol..",
                            JACKSON_TREE)
                    .because("ports carry data: nothing of the domain's inside crosses them");
}
