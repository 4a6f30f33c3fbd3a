package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's {@link ConsentSource} beans, for the servlet filter, which finds this class in
 * {@code META-INF/services}: with no CDI container running, none. Not API.
 */
public final class CdiConsentSources implements ConsentSourceFinder {
  @Override
  public List<ConsentSource> find(ServletContext context) {
    CDI<Object> cdi;
    try {
      cdi = CDI.current();
    } catch (IllegalStateException noContainer) {
      return List.of();
    }
    List<ConsentSource> sources = new ArrayList<>();
    for (ConsentSource source : cdi.select(ConsentSource.class)) {
      sources.add(source);
    }
    return sources;
  }
}
