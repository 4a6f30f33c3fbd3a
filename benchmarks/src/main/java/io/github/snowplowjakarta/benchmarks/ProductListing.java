package io.github.snowplowjakarta.benchmarks;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic page: a shop's product listing rendered by FreeMarker from a model built for each
 * request. A catalogue of products (in memory, as a cache in front of a database would hold it) is
 * filtered by category, sorted, one page of {@code items} products taken and priced (discounts in
 * {@code BigDecimal}), and {@code products.ftlh} renders it: navigation, a card per product with
 * brand, prices, rating, description, colour variants with sizes and stock, tags, delivery date;
 * HTML auto-escaping on. With 36 items (the default in {@link FilterOverhead}) the page is about 52
 * KB and costs about 0.5–1 ms of CPU (measured in {@link FilterOverhead}).
 */
public final class ProductListing extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String[] CATEGORIES = {
    "Tents", "Sleeping bags", "Backpacks", "Jackets", "Boots", "Stoves", "Lamps", "Ropes",
  };
  private static final String[] COLOURS = {"Forest", "Slate", "Sand", "Ember", "Glacier", "Night"};
  private static final String[] HEX = {
    "#2f5d3a", "#5a6470", "#c9b38a", "#b5452b", "#a9cfe0", "#1d2230"
  };
  private static final String[] SIZES = {"XS", "S", "M", "L", "XL", "XXL"};
  private static final String[] WORDS =
      ("light durable waterproof breathable recycled insulated packable rugged ripstop merino"
              + " alpine trail summit ridge storm four-season ultralight taped seams & ventilated")
          .split(" ");
  private static final String[] TAGS = {
    "new", "bestseller", "eco", "lightweight", "winter", "summer", "limited", "staff pick"
  };
  private static final Brand[] BRANDS = {
    new Brand("Fjellstad", "Norway"),
    new Brand("Cordillera", "Chile"),
    new Brand("Harbour & Pine", "Canada"),
    new Brand("Talus", "Switzerland"),
    new Brand("Outback Works", "Australia"),
  };

  private final transient Configuration freemarker;
  private final transient List<Product> catalogue;
  private final transient List<Map<String, Object>> categories = new ArrayList<>();
  private final int items;

  /** A listing of {@code items} products per page. */
  ProductListing(int items) {
    this.items = items;
    freemarker = new Configuration(Configuration.VERSION_2_3_34);
    freemarker.setClassForTemplateLoading(ProductListing.class, "/templates");
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
    Random random = new Random(42);
    catalogue = new ArrayList<>();
    for (int i = 0; i < CATEGORIES.length * items * 3; i++) {
      catalogue.add(product(i, CATEGORIES[i % CATEGORIES.length], random));
    }
    for (String name : CATEGORIES) {
      Map<String, Object> category = new HashMap<>();
      category.put("name", name);
      category.put("slug", slug(name));
      category.put("description", "Our range of " + name.toLowerCase() + " for every season.");
      category.put("productCount", items * 3);
      categories.add(category);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String slug = request.getParameter("c") == null ? "jackets" : request.getParameter("c");
    response.setContentType("text/html;charset=utf-8");
    try {
      render(slug, response.getWriter());
    } catch (TemplateException e) {
      throw new ServletException(e);
    }
  }

  /** Builds the model of a category's first page and renders it. */
  void render(String slug, Writer out) throws IOException, TemplateException {
    Map<String, Object> category =
        categories.stream().filter(c -> c.get("slug").equals(slug)).findFirst().orElseThrow();
    List<Product> inCategory = new ArrayList<>();
    for (Product product : catalogue) {
      if (product.category.equals(category.get("name"))) {
        inCategory.add(product);
      }
    }
    inCategory.sort(
        Comparator.comparing(Product::getPrice).thenComparing(Product::getName).reversed());
    List<Product> shown = inCategory.subList(0, Math.min(items, inCategory.size()));
    int onSale = 0;
    int maxDiscount = 0;
    for (Product product : shown) {
      if (product.isOnSale()) {
        onSale++;
        maxDiscount = Math.max(maxDiscount, product.getDiscountPercent());
      }
    }
    Map<String, Object> model = new HashMap<>();
    model.put("categories", categories);
    model.put("category", category);
    model.put("products", shown);
    model.put("total", inCategory.size());
    model.put("onSale", onSale);
    model.put("maxDiscount", maxDiscount);
    model.put("sort", Map.of("label", "Most expensive first"));
    model.put("page", 1);
    model.put("pages", (inCategory.size() + items - 1) / items);
    model.put("basketItems", 2);
    Template template = freemarker.getTemplate("products.ftlh");
    template.process(model, out);
  }

  private static Product product(int i, String category, Random random) {
    StringBuilder name = new StringBuilder();
    name.append(capitalised(WORDS[random.nextInt(WORDS.length)]))
        .append(' ')
        .append(WORDS[random.nextInt(WORDS.length)])
        .append(' ')
        .append(category.toLowerCase().replaceAll("s$", ""))
        .append(' ')
        .append(i);
    StringBuilder description = new StringBuilder();
    for (int w = 0; w < 30 + random.nextInt(15); w++) {
      description.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    description.append(" <em>care: machine wash at 30°</em>.");
    List<Variant> variants = new ArrayList<>();
    for (int v = 0; v < 2 + random.nextInt(3); v++) {
      int colour = (i + v) % COLOURS.length;
      List<String> sizes = List.of(SIZES).subList(random.nextInt(2), 3 + random.nextInt(4));
      variants.add(new Variant(COLOURS[colour], HEX[colour], sizes, random.nextInt(40) - 8));
    }
    List<String> tags = new ArrayList<>();
    for (String tag : TAGS) {
      if (random.nextInt(4) == 0) {
        tags.add(tag);
      }
    }
    BigDecimal listPrice = BigDecimal.valueOf(1999 + random.nextInt(40_000), 2);
    int discount = random.nextInt(3) == 0 ? 10 + 5 * random.nextInt(7) : 0;
    return new Product(
        String.format("NW-%05d", i),
        name.toString(),
        category,
        BRANDS[i % BRANDS.length],
        listPrice,
        discount,
        1 + random.nextDouble() * 4,
        random.nextInt(3000),
        description.toString(),
        variants,
        tags,
        new Date(1_800_000_000_000L + random.nextInt(7) * 86_400_000L));
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String slug(String text) {
    return text.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }

  /** A brand, as the template reads it. */
  public static final class Brand {
    private final String name;
    private final String country;

    Brand(String name, String country) {
      this.name = name;
      this.country = country;
    }

    public String getName() {
      return name;
    }

    public String getCountry() {
      return country;
    }
  }

  /** A colour of a product, its sizes and stock. */
  public static final class Variant {
    private final String colour;
    private final String hex;
    private final List<String> sizes;
    private final int stock;

    Variant(String colour, String hex, List<String> sizes, int stock) {
      this.colour = colour;
      this.hex = hex;
      this.sizes = sizes;
      this.stock = Math.max(0, stock);
    }

    public String getColour() {
      return colour;
    }

    public String getHex() {
      return hex;
    }

    public List<String> getSizes() {
      return sizes;
    }

    public int getStock() {
      return stock;
    }
  }

  /** A product, as the template reads it; its price is worked out when asked for. */
  public static final class Product {
    private final String sku;
    private final String name;
    private final String category;
    private final Brand brand;
    private final BigDecimal listPrice;
    private final int discountPercent;
    private final double rating;
    private final int reviews;
    private final String description;
    private final List<Variant> variants;
    private final List<String> tags;
    private final Date deliveryDate;

    Product(
        String sku,
        String name,
        String category,
        Brand brand,
        BigDecimal listPrice,
        int discountPercent,
        double rating,
        int reviews,
        String description,
        List<Variant> variants,
        List<String> tags,
        Date deliveryDate) {
      this.sku = sku;
      this.name = name;
      this.category = category;
      this.brand = brand;
      this.listPrice = listPrice;
      this.discountPercent = discountPercent;
      this.rating = rating;
      this.reviews = reviews;
      this.description = description;
      this.variants = variants;
      this.tags = tags;
      this.deliveryDate = deliveryDate;
    }

    public String getSku() {
      return sku;
    }

    public String getSlug() {
      return slug(name);
    }

    public String getName() {
      return name;
    }

    public Brand getBrand() {
      return brand;
    }

    public BigDecimal getListPrice() {
      return listPrice;
    }

    public BigDecimal getPrice() {
      return listPrice
          .multiply(BigDecimal.valueOf(100 - discountPercent))
          .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    public boolean isOnSale() {
      return discountPercent > 0;
    }

    public int getDiscountPercent() {
      return discountPercent;
    }

    public double getRating() {
      return rating;
    }

    public int getReviews() {
      return reviews;
    }

    public String getDescription() {
      return description;
    }

    public List<Variant> getVariants() {
      return variants;
    }

    public List<String> getTags() {
      return tags;
    }

    public boolean isInStock() {
      return variants.stream().anyMatch(v -> v.stock > 0);
    }

    public Date getDeliveryDate() {
      return deliveryDate;
    }
  }
}
