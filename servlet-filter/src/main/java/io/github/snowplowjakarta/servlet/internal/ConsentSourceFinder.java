package io.github.snowplowjakarta.servlet.internal;

import io.github.snowplowjakarta.web.consent.ConsentSource;
import jakarta.servlet.ServletContext;
import java.util.List;

/**
 * Finds an application's consent sources somewhere the filter does not look itself, such as the CDI
 * container (the CDI extension lists one in {@code META-INF/services}). Not API.
 */
public interface ConsentSourceFinder {
  /** The sources found for this web application; empty when there are none. */
  List<ConsentSource> find(ServletContext context);
}
