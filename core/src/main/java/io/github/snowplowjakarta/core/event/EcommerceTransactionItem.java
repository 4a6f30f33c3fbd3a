package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of an {@link EcommerceTransaction}, encoded as a {@code ti} event. SKU, price and
 * quantity are required; the order id and currency come from the transaction.
 */
public final class EcommerceTransactionItem {
  private final String sku;
  private final double price;
  private final int quantity;
  private final String name;
  private final String category;
  private final List<SelfDescribingJson> entities;

  private EcommerceTransactionItem(Builder b) {
    this.sku = Checks.requireNonBlank(b.sku, "sku");
    this.price = Checks.requireNonNull(b.price, "price");
    this.quantity = Checks.requireNonNull(b.quantity, "quantity");
    this.name = b.name;
    this.category = b.category;
    this.entities = List.copyOf(b.entities);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String sku() {
    return sku;
  }

  public double price() {
    return price;
  }

  public int quantity() {
    return quantity;
  }

  public String name() {
    return name;
  }

  public String category() {
    return category;
  }

  /** The entities attached to this item's {@code ti} event. */
  public List<SelfDescribingJson> entities() {
    return entities;
  }

  /** Builds an {@link EcommerceTransactionItem}. */
  public static final class Builder {
    private String sku;
    private Double price;
    private Integer quantity;
    private String name;
    private String category;
    private final List<SelfDescribingJson> entities = new ArrayList<>(1);

    private Builder() {}

    /** The SKU ({@code ti_sk}); required. */
    public Builder sku(String sku) {
      this.sku = Checks.requireNonBlank(sku, "sku");
      return this;
    }

    /** The unit price ({@code ti_pr}); required, finite. */
    public Builder price(double price) {
      this.price = Checks.requireFinite(price, "price");
      return this;
    }

    /** The quantity ({@code ti_qu}); required. */
    public Builder quantity(int quantity) {
      this.quantity = quantity;
      return this;
    }

    /** The product name ({@code ti_nm}). */
    public Builder name(String name) {
      this.name = blankToNull(name);
      return this;
    }

    /** The product category ({@code ti_ca}). */
    public Builder category(String category) {
      this.category = blankToNull(category);
      return this;
    }

    /** Attaches an entity to this item's event. */
    public Builder entity(SelfDescribingJson entity) {
      entities.add(Checks.requireNonNull(entity, "entity"));
      return this;
    }

    public EcommerceTransactionItem build() {
      return new EcommerceTransactionItem(this);
    }
  }
}
