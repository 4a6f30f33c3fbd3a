package io.github.snowplowjakarta.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.core.config.ConfigSource;
import io.github.snowplowjakarta.core.config.TrackerConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class UrlCleanerTest {
  private static final String M = UrlCleaner.EMAIL_MARKER;
  private final UrlCleaner cleaner = new UrlCleaner(List.of(), true, true);

  private static UrlCleaner configured(Map<String, String> keys) {
    return UrlCleaner.fromConfig(new TrackerConfig(ConfigSource.of(keys)));
  }

  @Test
  void emailAddressesInQueryValuesAreReplacedEncodedOrNot() {
    assertThat(cleaner.clean("https://x.test/p?to=a.b@c.example&x=1"))
        .isEqualTo("https://x.test/p?to=" + M + "&x=1");
    assertThat(cleaner.clean("https://x.test/p?to=a.b%40c.example"))
        .isEqualTo("https://x.test/p?to=" + M);
    assertThat(cleaner.clean("https://x.test/p?to=a.b%2540c.example"))
        .isEqualTo("https://x.test/p?to=" + M);
    assertThat(cleaner.clean("https://x.test/p?q=write+to+me%20a%2Bb@c.co.uk+today"))
        .isEqualTo("https://x.test/p?q=" + M);
    assertThat(cleaner.clean("https://x.test/p?J%C3%BCrgen%40m%C3%BCller.de"))
        .isEqualTo("https://x.test/p?" + M);
  }

  @Test
  void emailAddressesInPathSegmentsAreReplaced() {
    assertThat(cleaner.clean("https://x.test/users/a@b.example/orders"))
        .isEqualTo("https://x.test/users/" + M + "/orders");
    assertThat(cleaner.clean("https://x.test/users/a%40b.example"))
        .isEqualTo("https://x.test/users/" + M);
    assertThat(cleaner.clean("/relative/a@b.example?x=1")).isEqualTo("/relative/" + M + "?x=1");
  }

  @Test
  void fragmentsUserInfoAndPathParametersGo() {
    assertThat(
            cleaner.clean(
                "https://me%40x.test:pw@x.test/a;jsessionid=1/b;x=a@b.example?k=1#to=a@b.example"))
        .isEqualTo("https://x.test/a/b?k=1");
    assertThat(cleaner.clean("https://x.test/cart;JSESSIONID=ABC"))
        .isEqualTo("https://x.test/cart");
  }

  @Test
  void thingsThatOnlyLookAlikeStay() {
    for (String url :
        List.of(
            "https://x.test/@handle",
            "https://x.test/p?v=1.0@2x",
            "https://x.test/p?a=b@c",
            "https://x.test/p?a=b@c.d",
            "https://x.test/p?a=@b.example",
            "https://x.test/p?a=b@.example",
            "https://x.test/p?a=b@c..example",
            "https://x.test/img@2x.png1",
            "https://x.test/img/logo@2x.png")) {
      assertThat(cleaner.clean(url)).as(url).isEqualTo(url);
    }
  }

  @Test
  void personalDataAndFrameworkIdsAreDeniedByDefault() {
    assertThat(
            cleaner.clean(
                "https://x.test/show.xhtml?trackingId=ABC123&jfwid=535a6901-47f6%3A0&Email=x"
                    + "&phone=1&first_name=A&postcode=N1&iban=DE89&cardnumber=4111"
                    + "&jakarta.faces.ViewState=-1%3A2&javax.faces.ViewState=x&_csrf=t"
                    + "&cid=3&execution=e1s1&v-uiId=0&_sp=abc.123&dob=2000-01-01"))
        .isEqualTo("https://x.test/show.xhtml?trackingId=ABC123");
  }

  @Test
  void wicketPageInstancesGo() {
    assertThat(cleaner.clean("https://x.test/home?2")).isEqualTo("https://x.test/home");
    assertThat(cleaner.clean("https://x.test/home?3-1.ILinkListener-link&a=1"))
        .isEqualTo("https://x.test/home?a=1");
    assertThat(cleaner.clean("https://x.test/home?2=x&2a")).isEqualTo("https://x.test/home?2=x&2a");
  }

  @Test
  void theConfiguredDenylistAddsToTheDefaults() {
    UrlCleaner added = configured(Map.of("snowplow.query.denylist", "ref, Campaign"));
    assertThat(added.clean("https://x.test/?ref=1&campaign=2&email=3&keep=4"))
        .isEqualTo("https://x.test/?keep=4");
  }

  @Test
  void theDefaultsCanBeReplaced() {
    UrlCleaner replaced =
        configured(
            Map.of("snowplow.query.denylist", "ref", "snowplow.query.denylist.defaults", "false"));
    assertThat(replaced.clean("https://x.test/?ref=1&email=3&token=t&2"))
        .isEqualTo("https://x.test/?email=3&token=t&2");
  }

  @Test
  void emailRedactionCanBeTurnedOff() {
    UrlCleaner off = configured(Map.of("snowplow.redact-emails", "false"));
    assertThat(off.clean("https://x.test/u/a@b.example?q=a@b.example"))
        .isEqualTo("https://x.test/u/a@b.example?q=a@b.example");
    assertThat(off.cleanText("Hello a@b.example")).isEqualTo("Hello a@b.example");
  }

  @Test
  void textKeepsAllButTheAddresses() {
    assertThat(cleaner.cleanText("Orders of anna.k+shop@example.co.uk, and b@c.example."))
        .isEqualTo("Orders of " + M + ", and " + M + ".");
    assertThat(cleaner.cleanText("@home: 2 @ 3.50")).isEqualTo("@home: 2 @ 3.50");
    assertThat(cleaner.cleanText("Page /users/a@b.example/x?to=c@d.example"))
        .isEqualTo("Page /users/" + M + "/x?to=" + M);
    assertThat(cleaner.cleanText(null)).isNull();
  }

  @Test
  void brokenPercentEncodingIsKeptAsItIs() {
    for (String url :
        List.of("https://x.test/a%zz/b%?q=%&r=%4", "https://x.test/%C3%28?q=%E2%82")) {
      assertThat(cleaner.clean(url)).as(url).isEqualTo(url);
    }
    assertThat(cleaner.clean("https://x.test/p?=&&&=x&a==b"))
        .isEqualTo("https://x.test/p?=&=x&a==b");
    assertThat(cleaner.clean("https://x.test/p?q=%ZZa@b.example"))
        .isEqualTo("https://x.test/p?q=" + M);
    assertThat(cleaner.clean("https://x.test/p?=&&a=1&")).isEqualTo("https://x.test/p?=&a=1");
  }

  @Test
  void oddShapesStayWhole() {
    assertThat(cleaner.clean("")).isEmpty();
    assertThat(cleaner.clean(null)).isNull();
    assertThat(cleaner.clean("https://x.test")).isEqualTo("https://x.test");
    assertThat(cleaner.clean("https://x.test?a=1")).isEqualTo("https://x.test?a=1");
    assertThat(cleaner.clean("?email=x&b=2")).isEqualTo("?b=2");
    assertThat(cleaner.clean("https://x.test//a///b/")).isEqualTo("https://x.test//a///b/");
  }

  /** A linear pass each: these would take hours if any step went back over its input. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void hugeHostileUrlsAreCleanedInOnePass() {
    int n = 1 << 20;
    String ats = "@".repeat(n);
    String localParts = "a".repeat(n) + "@";
    String dots = "a@" + "b.".repeat(n / 2);
    String percents = "%25".repeat(n / 3) + "40";
    String pairs = "a=b@c&".repeat(n / 6);
    String encodedSemicolons = "%253b".repeat(n / 5);
    String semicolons = "a;".repeat(n / 2);
    String amps = "&amp;".repeat(n / 5);
    String words = "aB_".repeat(n / 3);
    for (String hostile :
        List.of(
            ats, localParts, dots, percents, pairs, encodedSemicolons, semicolons, amps, words)) {
      String url = "https://x.test/" + hostile + "?q=" + hostile + "&" + hostile;
      assertThat(cleaner.clean(url)).startsWith("https://x.test/");
      assertThat(cleaner.cleanText(hostile)).isNotNull();
    }
    assertThat(cleaner.clean("https://x.test/?" + pairs))
        .isEqualTo("https://x.test/?" + pairs.substring(0, pairs.length() - 1));
  }

  @Test
  void aUrlWithNothingToCleanIsReturnedAsItIs() {
    String url = "https://shop.example/products/shoes?category=running&page=2&sort=price";
    assertThat(cleaner.isClean(url)).isTrue();
    assertThat(cleaner.clean(url)).isSameAs(url);
    assertThat(cleaner.isClean("https://shop.example/")).isTrue();
  }

  @Test
  void theShortcutAgreesWithRebuildingEveryUrl() {
    List<String> parts =
        List.of(
            "a",
            "x",
            "/",
            "?",
            "&",
            "=",
            "#",
            ";",
            "@",
            "%40",
            "%",
            "+",
            "2",
            "2-1.",
            "email",
            "Token",
            "b.example",
            ":",
            "//",
            "jsessionid",
            "");
    UrlCleaner withOwnName = new UrlCleaner(List.of("mine"), false, false);
    java.util.Random random = new java.util.Random(14);
    int shortcuts = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder url = new StringBuilder(random.nextBoolean() ? "https://x.test" : "");
      for (int k = random.nextInt(9); k >= 0; k--) {
        url.append(parts.get(random.nextInt(parts.size())));
      }
      String text = url.toString();
      for (UrlCleaner each : List.of(cleaner, withOwnName)) {
        assertThat(each.clean(text)).as(text).isEqualTo(each.rebuilt(text));
        shortcuts += each.isClean(text) ? 1 : 0;
      }
    }
    assertThat(shortcuts).as("URLs the shortcut took").isGreaterThan(1_000);
  }

  private void assertGoes(String... names) {
    for (String name : names) {
      assertThat(cleaner.clean("https://x.test/p?keep=1&" + name + "=v&also=2"))
          .as(name)
          .isEqualTo("https://x.test/p?keep=1&also=2");
      assertThat(cleaner.clean("https://x.test/p?" + name))
          .as(name + " bare")
          .isEqualTo("https://x.test/p");
    }
  }

  private void assertStays(String... names) {
    for (String name : names) {
      String url = "https://x.test/p?keep=1&" + name + "=v";
      assertThat(cleaner.clean(url)).as(name).isEqualTo(url);
    }
  }

  @Test
  void aDeniedWordInsideBracketsDotsOrCompoundNamesGoes() {
    assertGoes(
        "user[email]",
        "order[customer][email]",
        "email[]",
        "customer_phone",
        "customerPhone",
        "CustomerPhoneNumber",
        "billing.address",
        "shipping-address-line1",
        "address2",
        "data.user.password",
        "new_password",
        "password_confirmation",
        "X-Api-Key",
        "x_api_key",
        "accessToken",
        "refresh-token",
        "csrf_token",
        "XMLToken",
        "user:secret",
        "contact email",
        "home+phone",
        "eMail",
        "EMail",
        "E-Mail",
        "userEMail",
        "user_session_id",
        "PHPSESSID",
        "session_token",
        "card_number_masked",
        "cvv2",
        "form.jakarta.faces.ViewState",
        "j_idt5:javax.faces.ViewState");
  }

  @Test
  void anAmbiguousWordGoesAloneOrAfterAWordThatSaysWhose() {
    assertGoes(
        "name",
        "Name",
        "name[]",
        "user_name",
        "userName",
        "customer[name]",
        "billing.zip",
        "shipping_street",
        "access_key",
        "secret-key",
        "auth_code",
        "oauth_state",
        "userSession",
        "credit_card",
        "creditCard",
        "code",
        "state",
        "key",
        "sid",
        "_sp",
        "_ga");
  }

  @Test
  void harmlessNamesThatMerelyContainAWordStay() {
    assertStays(
        "promo_code",
        "country_code",
        "currency_code",
        "productName",
        "product_name",
        "file_name",
        "category[name]",
        "items[0][name]",
        "sort_key",
        "cache_key",
        "order_state",
        "gift_card",
        "is_mobile",
        "session_count",
        "hostname",
        "filename",
        "keyword",
        "statement",
        "codec",
        "tokenizer",
        "emailed",
        "cardinality",
        "trackingId",
        "utm_source",
        "utm_campaign",
        "page",
        "sort",
        "lang",
        "ga",
        "sp",
        "q");
  }

  @Test
  void percentEncodedNamesAreDecodedAsOftenAsTheyWereEncoded() {
    assertGoes(
        "user%5Bemail%5D",
        "user%255Bemail%255D",
        "%74oken",
        "%2574oken",
        "%252574oken",
        "e%2Dmail",
        "customer%5Fphone",
        "pass%77ord",
        "api+key");
    assertStays("promo%5Fcode", "product%5Bname%5D");
  }

  @Test
  void semicolonsAndHtmlEscapedAmpersandsSeparatePairs() {
    assertThat(cleaner.clean("https://x.test/p?a=1;token=X")).isEqualTo("https://x.test/p?a=1");
    assertThat(cleaner.clean("https://x.test/p?token=X;a=1")).isEqualTo("https://x.test/p?a=1");
    assertThat(cleaner.clean("https://x.test/p?a=1&amp;token=X&amp;b=2"))
        .isEqualTo("https://x.test/p?a=1&b=2");
    assertThat(cleaner.clean("https://x.test/p?a=1;b=2&c=3"))
        .isEqualTo("https://x.test/p?a=1;b=2&c=3");
    assertThat(cleaner.clean("https://x.test/p?a=1;;email=x;")).isEqualTo("https://x.test/p?a=1");
    assertThat(cleaner.clean("https://x.test/p?a=1&amp;b=x@y.example"))
        .isEqualTo("https://x.test/p?a=1&b=" + M);
  }

  @Test
  void pathParametersGoInEverySegmentEvenEncoded() {
    assertThat(cleaner.clean("https://x.test/cart;jsessionid=ABC?x=1"))
        .isEqualTo("https://x.test/cart?x=1");
    assertThat(cleaner.clean("https://x.test/a;jsessionid=1/b;JSESSIONID=2/c"))
        .isEqualTo("https://x.test/a/b/c");
    assertThat(cleaner.clean("https://x.test/cart%3Bjsessionid%3DABC/x"))
        .isEqualTo("https://x.test/cart/x");
    assertThat(cleaner.clean("https://x.test/cart%253bjsessionid=ABC"))
        .isEqualTo("https://x.test/cart");
    assertThat(cleaner.clean("https://x.test/files/a%3Bb.txt"))
        .isEqualTo("https://x.test/files/a%3Bb.txt");
  }

  @Test
  void fragmentsGoWithWhateverTheyCarry() {
    assertThat(cleaner.clean("https://x.test/p?a=1#token=X")).isEqualTo("https://x.test/p?a=1");
    assertThat(cleaner.clean("https://x.test/p#/route?email=a&b=2")).isEqualTo("https://x.test/p");
  }

  @Test
  void namesTheApplicationAddsAreDeniedAsWordsToo() {
    UrlCleaner added = configured(Map.of("snowplow.query.denylist", "loyaltyNumber"));
    assertThat(added.clean("https://x.test/?member.loyalty_number=1&loyalty=2"))
        .isEqualTo("https://x.test/?loyalty=2");
  }

  @Test
  void wordsSplitAtSeparatorsCaseChangesAndDigits() {
    assertThat(UrlCleaner.words("user[eMail].XMLToken_2fa-x"))
        .containsExactly("user", "e", "mail", "xml", "token", "2", "fa", "x");
    assertThat(UrlCleaner.words("")).isEmpty();
    assertThat(UrlCleaner.words("[]._")).isEmpty();
  }
}
