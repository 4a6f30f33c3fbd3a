package io.github.snowplowjakarta.spring;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.web.consent.ConsentDecision;
import io.github.snowplowjakarta.web.consent.ConsentRequest;
import io.github.snowplowjakarta.web.consent.ConsentSource;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small shop as a new user writes it: an HTML page from a {@code @Controller}, a JSON
 * {@code @RestController} tracking through the injected {@code Tracker}, a {@code @Tracked}
 * service, and a consent source bean. No Snowplow code but that.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ShopApplication.Pages.class, ShopApplication.Api.class, ShopApplication.Checkout.class})
public class ShopApplication {

  /** The application's own consent record: the {@code X-Shop-Consent} header, yes or no. */
  @Bean
  ConsentSource shopConsent() {
    return new ConsentSource() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public Optional<ConsentDecision> decide(ConsentRequest request) {
        String value = request.header("X-Shop-Consent");
        if (value == null) {
          return Optional.empty();
        }
        return Optional.of(
            new ConsentDecision(
                "yes".equals(value) ? Anonymisation.FULL_TRACKING : Anonymisation.ANONYMOUS_SERVER,
                "shop header"));
      }

      @Override
      public boolean readsOnlyCookiesAndHeaders() {
        return true;
      }
    };
  }

  @Controller
  public static class Pages {
    @GetMapping(value = "/page", produces = "text/html")
    @ResponseBody
    public String page() {
      return "<!doctype html><html><head><title>The shop</title></head><body>Hi</body></html>";
    }
  }

  @RestController
  public static class Api {
    private final Tracker tracker;
    private final ObjectProvider<Tracker> trackers;
    private final Checkout checkout;

    public Api(Tracker tracker, ObjectProvider<Tracker> trackers, Checkout checkout) {
      this.tracker = tracker;
      this.trackers = trackers;
      this.checkout = checkout;
    }

    @GetMapping("/api/basket")
    public Map<String, Object> basket() {
      tracker.track(Structured.builder().category("api").action("basket").build());
      trackers.getObject().track(Structured.builder().category("api").action("provider").build());
      return Map.of("items", 2);
    }

    @GetMapping("/api/checkout")
    public Map<String, Object> checkout() {
      return Map.of("order", checkout.order());
    }

    @GetMapping("/api/refused")
    public Map<String, Object> refused() {
      try {
        checkout.refuse();
      } catch (IllegalStateException e) {
        // as the application handles it
      }
      return Map.of("order", "none");
    }
  }

  @Service
  public static class Checkout {
    @Tracked(category = "shop", action = "checkout", label = "basket")
    public String order() {
      return "o-1";
    }

    @Tracked(category = "shop", action = "refuse")
    public void refuse() {
      throw new IllegalStateException("card refused");
    }
  }
}
