package io.github.snowplowjakarta.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.testing.TestCollector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Jetty + collector set-up the filter's tests share: a test collector, every {@link TestApp}
 * started meanwhile closed afterwards, and then no schema violation allowed. Registered on an
 * instance field it lives for one test; on a static field ({@link #perClass()}), for the class.
 */
final class FilterFixture implements AfterEachCallback, AfterAllCallback {
  private final boolean perClass;
  private final TestCollector collector = TestCollector.start();

  private FilterFixture(boolean perClass) {
    this.perClass = perClass;
  }

  /** For {@code @RegisterExtension final FilterFixture fixture = FilterFixture.perTest();}. */
  static FilterFixture perTest() {
    return new FilterFixture(false);
  }

  /**
   * For {@code @RegisterExtension static final FilterFixture FIXTURE = FilterFixture.perClass();}.
   */
  static FilterFixture perClass() {
    return new FilterFixture(true);
  }

  TestCollector collector() {
    return collector;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass) {
      close();
    }
  }

  private void close() {
    TestApp.closeAll();
    collector.close();
    assertThat(collector.validationErrors()).isEmpty();
  }
}
