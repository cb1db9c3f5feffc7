package dev.eddy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of DESIGN.md §1: the loop API knows no backend, backends know only the API and
 * their own native binding, nothing depends on a backend at compile time, and there are no
 * package cycles. Production classes only (tests may wire a backend in).
 */
@AnalyzeClasses(packages = "dev.eddy", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

  static final String[] BACKENDS = {
    "dev.eddy.loop.nio..", "dev.eddy.loop.epoll..", "dev.eddy.loop.kqueue.."
  };

  @ArchTest
  static final ArchRule loopApiDependsOnlyOnTheJdkAndSlf4j = classes()
      .that().resideInAnyPackage("dev.eddy.loop", "dev.eddy.loop.spi", "dev.eddy.loop.sync")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "org.slf4j..", "dev.eddy.loop", "dev.eddy.loop.spi",
          "dev.eddy.loop.sync")
      .because("loop-api depends on SLF4J's API and nothing else (DESIGN §1)");

  @ArchTest
  static final ArchRule spiDoesNotDependOnTheLoop = noClasses()
      .that().resideInAPackage("dev.eddy.loop.spi")
      .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.loop", "dev.eddy.loop.sync")
      .because("the SPI is the bottom layer: backends implement it without the loop");

  @ArchTest
  static final ArchRule nothingDependsOnABackend = noClasses()
      .that().resideOutsideOfPackages(BACKENDS)
      .should().dependOnClassesThat().resideInAnyPackage(BACKENDS)
      .because("backends are found at run time through ServiceLoader (DESIGN §1)");

  @ArchTest
  static final ArchRule nioDoesNotDependOnOtherBackends = noClasses()
      .that().resideInAPackage("dev.eddy.loop.nio..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("dev.eddy.loop.epoll..", "dev.eddy.loop.kqueue..")
      .because("backends are independent of each other");

  @ArchTest
  static final ArchRule epollJnaDoesNotDependOnOtherBackends = noClasses()
      .that().resideInAPackage("dev.eddy.loop.epoll.jna..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("dev.eddy.loop.nio..", "dev.eddy.loop.epoll.netty..",
          "dev.eddy.loop.kqueue..")
      .because("backends are independent of each other");

  @ArchTest
  static final ArchRule epollNettyDoesNotDependOnOtherBackends = noClasses()
      .that().resideInAPackage("dev.eddy.loop.epoll.netty..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("dev.eddy.loop.nio..", "dev.eddy.loop.epoll.jna..",
          "dev.eddy.loop.kqueue..")
      .because("backends are independent of each other");

  @ArchTest
  static final ArchRule jnaStaysInsideItsBackends = noClasses()
      .that().resideOutsideOfPackages("dev.eddy.loop.epoll.jna..", "dev.eddy.loop.kqueue..",
          "dev.eddy.loop.posix.jna..")
      .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
      .because("no JNA type appears outside the backends that bind through it (DESIGN §1)");

  @ArchTest
  static final ArchRule nettyStaysInsideItsBackend = noClasses()
      .that().resideOutsideOfPackage("dev.eddy.loop.epoll.netty..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netty..")
      .because("no Netty type appears outside the epoll-netty backend (DESIGN §1)");

  @ArchTest
  static final ArchRule nativeBindingIsOneClass = classes()
      .that().resideInAnyPackage("dev.eddy.loop.epoll.jna..", "dev.eddy.loop.posix.jna..",
          "dev.eddy.loop.kqueue..")
      .and().haveSimpleNameNotEndingWith("Test")
      .should(callNativeOnlyIfNamed("LibC"))
      .because("native bindings live in package-private classes named LibC (or LibC<calls>, "
          + "for a set of symbols some systems lack) (DESIGN §10)");

  @ArchTest
  static final ArchRule posixLayerKnowsNoBackend = classes()
      .that().resideInAPackage("dev.eddy.loop.posix.jna..")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "org.slf4j..", "com.sun.jna..", "dev.eddy.loop.spi",
          "dev.eddy.loop.posix.jna..")
      .because("the shared POSIX layer sits between the SPI and the backends over raw "
          + "descriptors (epoll-jna, kqueue), and knows neither");

  @ArchTest
  static final ArchRule nativeBindingsArePackagePrivate = classes()
      .that().haveSimpleNameStartingWith("LibC")
      .and().resideInAPackage("dev.eddy.loop..")
      .should().notBePublic()
      .because("no native call is reachable from outside its package");

  @ArchTest
  static final ArchRule backendsUseOnlyTheSpi = noClasses()
      .that().resideInAnyPackage(BACKENDS).or().resideInAPackage("dev.eddy.loop.posix.jna..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.eddy.loop.sync", "dev.eddy.loop.tck..")
      .because("a backend implements the SPI and needs nothing above it");

  @ArchTest
  static final ArchRule tckUsesOnlyPublicApi = noClasses()
      .that().resideInAPackage("dev.eddy.loop.tck..")
      .should().dependOnClassesThat().resideInAnyPackage(BACKENDS)
      .because("the contract suites are written against the SPI only");

  /** Declares {@code native} methods only in classes whose simple name starts so. */
  static ArchCondition<JavaClass> callNativeOnlyIfNamed(String bindingClass) {
    return new ArchCondition<>("declare native methods only in " + bindingClass) {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        boolean hasNative = c.getMethods().stream()
            .anyMatch(m -> m.getModifiers().contains(JavaModifier.NATIVE));
        if (hasNative && !c.getSimpleName().startsWith(bindingClass)) {
          events.add(SimpleConditionEvent.violated(c, c.getName() + " declares native methods"));
        }
      }
    };
  }

  @ArchTest
  static final ArchRule streamSeesOnlyTheLoop = classes()
      .that().resideInAPackage("dev.eddy.stream..")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "javax.net..", "javax.security..", "org.slf4j..",
          "dev.eddy.loop", "dev.eddy.loop.spi", "dev.eddy.stream..")
      .because("streams see only dev.eddy.loop and dev.eddy.loop.spi (DESIGN §1)");

  @ArchTest
  static final ArchRule httpSeesOnlyStreamsAndTheLoop = classes()
      .that().resideInAPackage("dev.eddy.http..")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "javax.net..", "javax.security..", "org.slf4j..",
          "dev.eddy.loop", "dev.eddy.loop.spi", "dev.eddy.stream..", "dev.eddy.http..")
      .because("http builds on streams and sees the loop only through its API (DESIGN §1)");

  @ArchTest
  static final ArchRule webSeesHttpStreamsAndTheLoop = classes()
      .that().resideInAPackage("dev.eddy.web..")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "javax.net..", "javax.crypto..", "javax.security..",
          "org.slf4j..", "com.fasterxml.jackson..", "io.pebbletemplates..", "dev.eddy.loop",
          "dev.eddy.loop.spi", "dev.eddy.stream..", "dev.eddy.http..", "dev.eddy.web..")
      .because("web builds on http and streams and sees the loop only through its API "
          + "(DESIGN §1); JSON through Jackson, templates through Pebble");

  @ArchTest
  static final ArchRule testingSeesOnlyTheLoopJunitAndSlf4j = classes()
      .that().resideInAPackage("dev.eddy.testing")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "javax.net.ssl..", "org.slf4j..", "org.junit..",
          "dev.eddy.loop", "dev.eddy.loop.spi", "dev.eddy.testing")
      .because("eddy-testing depends on the loop API only, so that stream and http can test "
          + "with it; the web test base is eddy-testing-web");

  @ArchTest
  static final ArchRule testingWebSeesTheWebStackAndTesting = classes()
      .that().resideInAPackage("dev.eddy.testing.web..")
      .should().onlyDependOnClassesThat()
      .resideInAnyPackage("java..", "javax.net..", "javax.security..", "org.junit..",
          "dev.eddy.loop", "dev.eddy.stream..", "dev.eddy.http..", "dev.eddy.web..",
          "dev.eddy.testing..")
      .because("the HTTP test base builds on web, http and eddy-testing");

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.eddy.(**)")
      .should().beFreeOfCycles();
}
