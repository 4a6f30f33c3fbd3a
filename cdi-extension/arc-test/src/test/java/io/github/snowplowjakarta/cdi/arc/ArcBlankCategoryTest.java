package io.github.snowplowjakarta.cdi.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.cdi.Tracked;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A blank {@code @Tracked} category fails the build. */
class ArcBlankCategoryTest {
  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      new QuarkusUnitTest()
          .withApplicationRoot(jar -> jar.addClasses(Misannotated.class))
          .assertException(
              e -> assertThat(e).hasStackTraceContaining("category must not be blank"));

  @ApplicationScoped
  public static class Misannotated {
    @Tracked(category = " ")
    public void call() {}
  }

  @Test
  void theBuildFails() {
    // QUARKUS checks the failure.
  }
}
