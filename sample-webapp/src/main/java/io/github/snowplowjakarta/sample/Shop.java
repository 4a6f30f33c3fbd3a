package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.core.event.EcommerceTransaction;
import io.github.snowplowjakarta.core.event.EcommerceTransactionItem;
import io.github.snowplowjakarta.core.event.SelfDescribing;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shop's business code: it tracks with an injected tracker and knows nothing of consent. */
@ApplicationScoped
public class Shop {
  static final String ADD_TO_CART =
      "iglu:io.github.snowplowjakarta.sample/add_to_cart/jsonschema/1-0-0";

  @Inject Tracker tracker;

  /** For CDI. */
  public Shop() {}

  /** Without CDI: tracks through this tracker, or not at all when there is none. */
  Shop(Tracker tracker) {
    this.tracker = tracker;
  }

  public void addToCart(String sku, String name, double unitPrice, int quantity) {
    if (tracker == null) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sku", sku);
    data.put("name", name);
    data.put("unitPrice", unitPrice);
    data.put("quantity", quantity);
    data.put("currency", "EUR");
    tracker.track(SelfDescribing.builder().data(SelfDescribingJson.of(ADD_TO_CART, data)).build());
  }

  /** Tracks the order, and (through {@code @Tracked}) a structured event once it is placed. */
  @Tracked(category = "shop", action = "checkout")
  public void checkout(String orderId, String sku, String name, double unitPrice, int quantity) {
    if (tracker == null) {
      return;
    }
    tracker.track(
        EcommerceTransaction.builder()
            .orderId(orderId)
            .totalValue(unitPrice * quantity)
            .currency("EUR")
            .item(
                EcommerceTransactionItem.builder()
                    .sku(sku)
                    .name(name)
                    .price(unitPrice)
                    .quantity(quantity)
                    .build())
            .build());
  }
}
