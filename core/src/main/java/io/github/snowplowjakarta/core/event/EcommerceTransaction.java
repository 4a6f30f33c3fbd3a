package io.github.snowplowjakarta.core.event;

import static io.github.snowplowjakarta.core.internal.Checks.blankToNull;

import io.github.snowplowjakarta.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An ecommerce transaction: encoded as one {@code tr} event plus one {@code ti} event per item, the
 * items sharing the transaction's order id and currency. The transaction's entities go with the
 * {@code tr} event; each item carries its own.
 */
public final class EcommerceTransaction extends Event {
  private static final Pattern CURRENCY = Pattern.compile("^[A-Za-z]{3}$");

  private final String orderId;
  private final double totalValue;
  private final String affiliation;
  private final Double taxValue;
  private final Double shipping;
  private final String city;
  private final String state;
  private final String country;
  private final String currency;
  private final List<EcommerceTransactionItem> items;

  private EcommerceTransaction(Builder b) {
    super(b);
    this.orderId = Checks.requireNonBlank(b.orderId, "orderId");
    this.totalValue = Checks.requireNonNull(b.totalValue, "totalValue");
    this.affiliation = b.affiliation;
    this.taxValue = b.taxValue;
    this.shipping = b.shipping;
    this.city = b.city;
    this.state = b.state;
    this.country = b.country;
    this.currency = b.currency;
    this.items = List.copyOf(b.items);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String orderId() {
    return orderId;
  }

  public double totalValue() {
    return totalValue;
  }

  public String affiliation() {
    return affiliation;
  }

  public Double taxValue() {
    return taxValue;
  }

  public Double shipping() {
    return shipping;
  }

  public String city() {
    return city;
  }

  public String state() {
    return state;
  }

  public String country() {
    return country;
  }

  /** The ISO 4217 currency code, shared by the items; may be null. */
  public String currency() {
    return currency;
  }

  public List<EcommerceTransactionItem> items() {
    return items;
  }

  /** Builds an {@link EcommerceTransaction}. */
  public static final class Builder extends Event.Builder<Builder> {
    private String orderId;
    private Double totalValue;
    private String affiliation;
    private Double taxValue;
    private Double shipping;
    private String city;
    private String state;
    private String country;
    private String currency;
    private final List<EcommerceTransactionItem> items = new ArrayList<>();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The order id ({@code tr_id}, and {@code ti_id} of every item); required. */
    public Builder orderId(String orderId) {
      this.orderId = Checks.requireNonBlank(orderId, "orderId");
      return this;
    }

    /** The total value ({@code tr_tt}); required, finite. */
    public Builder totalValue(double totalValue) {
      this.totalValue = Checks.requireFinite(totalValue, "totalValue");
      return this;
    }

    /** The affiliation ({@code tr_af}). */
    public Builder affiliation(String affiliation) {
      this.affiliation = blankToNull(affiliation);
      return this;
    }

    /** The tax ({@code tr_tx}); finite. */
    public Builder taxValue(double taxValue) {
      this.taxValue = Checks.requireFinite(taxValue, "taxValue");
      return this;
    }

    /** The shipping cost ({@code tr_sh}); finite. */
    public Builder shipping(double shipping) {
      this.shipping = Checks.requireFinite(shipping, "shipping");
      return this;
    }

    /** The delivery city ({@code tr_ci}). */
    public Builder city(String city) {
      this.city = blankToNull(city);
      return this;
    }

    /** The delivery state ({@code tr_st}). */
    public Builder state(String state) {
      this.state = blankToNull(state);
      return this;
    }

    /** The delivery country ({@code tr_co}). */
    public Builder country(String country) {
      this.country = blankToNull(country);
      return this;
    }

    /** The ISO 4217 currency code ({@code tr_cu}, {@code ti_cu}): three letters. */
    public Builder currency(String currency) {
      String value = blankToNull(currency);
      if (value != null && !CURRENCY.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "currency must be a three-letter ISO 4217 code, was '"
                + Checks.abbreviate(value)
                + "'");
      }
      this.currency = value;
      return this;
    }

    /** Adds an item. */
    public Builder item(EcommerceTransactionItem item) {
      items.add(Checks.requireNonNull(item, "item"));
      return this;
    }

    /** Adds items. */
    public Builder items(Collection<EcommerceTransactionItem> items) {
      Checks.requireNonNull(items, "items");
      items.forEach(this::item);
      return this;
    }

    @Override
    public EcommerceTransaction build() {
      return new EcommerceTransaction(this);
    }
  }
}
