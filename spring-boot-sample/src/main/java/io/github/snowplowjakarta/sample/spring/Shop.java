package io.github.snowplowjakarta.sample.spring;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.Structured;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/** The shop's pages and API. */
final class Shop {
  private Shop() {}

  @Controller
  static class Pages {
    @GetMapping(value = "/", produces = "text/html")
    @ResponseBody
    String home(HttpServletRequest request) {
      String level =
          SnowplowRequest.consent(request)
              .map(decision -> decision.anonymisation() + " (" + decision.reason() + ")")
              .orElse("not tracked");
      return "<!doctype html><html><head><title>Spring shop</title></head><body>"
          + "<h1>Spring shop</h1><p>Tracked as: "
          + level
          + "</p><form method=post action=/consent>Consent: "
          + "<button name=choice value=all>accept all</button>"
          + "<button name=choice value=session>session only</button>"
          + "<button name=choice value=none>reject</button></form>"
          + "<p><a href=/api/cart>add to cart (JSON)</a> · <a href=/events>events received</a>"
          + "</p></body></html>";
    }

    @PostMapping("/consent")
    String consent(HttpServletRequest request, @RequestParam String choice) {
      SnowplowRequest.recordConsent(request, choice);
      return "redirect:/";
    }
  }

  @RestController
  static class Api {
    private final Tracker tracker;
    private final Checkout checkout;

    Api(Tracker tracker, Checkout checkout) {
      this.tracker = tracker;
      this.checkout = checkout;
    }

    @GetMapping("/api/cart")
    Map<String, Object> addToCart() {
      tracker.track(Structured.builder().category("shop").action("add-to-cart").build());
      return Map.of("items", 1, "order", checkout.order());
    }
  }

  @Service
  static class Checkout {
    @Tracked(category = "shop", action = "checkout")
    public String order() {
      return "order-1";
    }
  }
}
