package dev.eddy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.eddy.loop.spi.PollHandle;
import dev.eddy.loop.spi.PollKey;
import dev.eddy.loop.spi.Poller;
import dev.eddy.loop.spi.PollerProvider;
import dev.eddy.loop.spi.Transport;

/**
 * Library code logs through SLF4J and never prints; SPI types are implemented only by backends
 * (and by the test doubles of the contract suites). The examples and benchmarks, which are
 * programs, may print, and so may the printer of eddy-testing's SLF4J provider.
 */
@AnalyzeClasses(packages = "dev.eddy", importOptions = ImportOption.DoNotIncludeTests.class)
class CodingRulesTest {

  static final String[] PROGRAMS = {"dev.eddy.examples..", "dev.eddy.benchmarks.."};
  static final String[] SPI_IMPLEMENTERS = {
    "dev.eddy.loop.nio..", "dev.eddy.loop.epoll..", "dev.eddy.loop.kqueue..",
    "dev.eddy.loop.posix.jna..", "dev.eddy.loop.tck.."
  };

  /** eddy-testing's SLF4J provider writes the log of a test run: that is its job. */
  static final String LOG_PRINTER = "dev.eddy.testing.StderrLogPrinter";

  @ArchTest
  static final ArchRule libraryCodeDoesNotPrint = noClasses()
      .that().resideOutsideOfPackages(PROGRAMS)
      .and().doNotHaveFullyQualifiedName(LOG_PRINTER)
      .should(ACCESS_STANDARD_STREAMS)
      .because("library code logs through SLF4J only (the test log printer is the log)");

  @ArchTest
  static final ArchRule noPrintStackTrace = noClasses()
      .that().resideOutsideOfPackages(PROGRAMS)
      .should().callMethod(Throwable.class, "printStackTrace")
      .because("errors are logged with their cause through SLF4J");

  @ArchTest
  static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

  static final DescribedPredicate<JavaClass> IMPLEMENT_AN_SPI_TYPE = DescribedPredicate.describe(
      "implement an SPI type", c -> !c.isInterface() && (c.isAssignableTo(Poller.class)
          || c.isAssignableTo(PollerProvider.class) || c.isAssignableTo(PollKey.class)
          || c.isAssignableTo(Transport.class) || c.isAssignableTo(PollHandle.class)));

  @ArchTest
  static final ArchRule spiImplementedOnlyByBackends = classes()
      .that(IMPLEMENT_AN_SPI_TYPE)
      .should().resideInAnyPackage(SPI_IMPLEMENTERS)
      .because("SPI types are implemented only by backends and test doubles (DESIGN §1)");
}
