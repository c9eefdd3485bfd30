package com.ticolops.bot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ticolops.bot.TicolopsApplication;
import com.ticolops.integrations.discord.WellPlacedJdaUser;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The architecture DESIGN.md promises: Maven modules point one way ({@code bot → integrations, scheduler, db}), the
 * bot's feature modules have no cycles and use only each other's public API, and each SDK stays in its own package.
 */
class ModuleBoundariesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("com.ticolops");

    /** SDK package → the only integrations package allowed to use it. */
    private static final List<ArchRule> SDK_RULES = List.of(
            sdkOnlyIn("net.dv8tion..", "discord"),
            sdkOnlyIn("com.slack.api..", "slack"),
            sdkOnlyIn("org.kohsuke.github..", "github"),
            sdkOnlyIn("org.gitlab4j..", "gitlab"));

    private static final List<ArchRule> MODULE_RULES = List.of(
            noClasses().that().resideInAnyPackage("com.ticolops.integrations..", "com.ticolops.scheduler..", "com.ticolops.db..")
                    .should().dependOnClassesThat().resideInAPackage("com.ticolops.bot..")
                    .because("only bot depends on the other modules"),
            noClasses().that().resideInAPackage("com.ticolops.integrations..")
                    .should().dependOnClassesThat().resideInAnyPackage("com.ticolops.scheduler..", "com.ticolops.db..")
                    .because("integrations, scheduler and db do not depend on each other"),
            noClasses().that().resideInAPackage("com.ticolops.scheduler..")
                    .should().dependOnClassesThat().resideInAnyPackage("com.ticolops.integrations..", "com.ticolops.db..")
                    .because("integrations, scheduler and db do not depend on each other"),
            noClasses().that().resideInAPackage("com.ticolops.db..")
                    .should().dependOnClassesThat().resideInAnyPackage("com.ticolops.integrations..", "com.ticolops.scheduler..")
                    .because("integrations, scheduler and db do not depend on each other"));

    private static ArchRule sdkOnlyIn(String sdkPackage, String home) {
        return noClasses().that().resideOutsideOfPackage("com.ticolops.integrations." + home + "..")
                .should().dependOnClassesThat().resideInAPackage(sdkPackage)
                .because(sdkPackage + " types belong in com.ticolops.integrations." + home + " only");
    }

    @Test
    void theBotsFeatureModulesHaveNoCyclesAndUseOnlyEachOthersPublicApi() {
        ApplicationModules.of(TicolopsApplication.class).verify();
    }

    @Test
    void everyFeatureModuleDeclaresWhatItMayUse() {
        List<String> undeclared = ApplicationModules.of(TicolopsApplication.class).stream()
                .filter(module -> module.getBasePackage().getAnnotation(org.springframework.modulith.ApplicationModule.class).isEmpty())
                .map(module -> module.getBasePackage().getName()).toList();

        assertThat(undeclared).as("bot packages without package-info.java and @ApplicationModule(allowedDependencies = ...)").isEmpty();
    }

    @Test
    void aModuleReachingAModuleItDoesNotDeclareFailsTheVerification() {
        ApplicationModules sample = ApplicationModules.of("com.ticolops.modulesample", location -> location.contains("modulesample"));

        assertThatThrownBy(sample::verify).hasMessageContaining("orders").hasMessageContaining("billing");
    }

    @Test
    void mavenModulesDependOnlyInTheDesignedDirection() {
        MODULE_RULES.forEach(rule -> rule.check(PRODUCTION));
    }

    @Test
    void everySdkStaysInItsOwnIntegrationsPackage() {
        SDK_RULES.forEach(rule -> rule.check(PRODUCTION));
    }

    @Test
    void aJdaTypeUsedOutsideTheDiscordPackageFailsTheBoundaryCheck() {
        JavaClasses misplaced = new ClassFileImporter().importClasses(MisplacedJdaUser.class);

        assertThatThrownBy(() -> SDK_RULES.get(0).check(misplaced))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MisplacedJdaUser")
                .hasMessageContaining("net.dv8tion.jda.api.entities.User");
    }

    @Test
    void aJdaTypeUsedInsideTheDiscordPackagePassesTheBoundaryCheck() {
        JavaClasses wellPlaced = new ClassFileImporter().importClasses(WellPlacedJdaUser.class, TicolopsApplication.class);

        assertThatCode(() -> SDK_RULES.get(0).check(wellPlaced)).doesNotThrowAnyException();
    }
}
