package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.core.Anonymisation;
import io.github.snowplowjakarta.core.Subject;
import io.github.snowplowjakarta.core.TrackerSettings;
import io.github.snowplowjakarta.core.TrackerVersion;
import io.github.snowplowjakarta.core.encoding.EncodedEvent;
import io.github.snowplowjakarta.core.encoding.PayloadEncoder;
import io.github.snowplowjakarta.core.event.PageView;
import io.github.snowplowjakarta.core.event.SelfDescribingJson;
import java.util.Map;
import java.util.UUID;

/**
 * Until the sample webapp exists: shows one page view as the collector would receive it under each
 * anonymisation setting, so the effect of consent can be seen.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("Snowplow Jakarta Tracker " + TrackerVersion.VERSION);
    PayloadEncoder encoder =
        new PayloadEncoder(TrackerSettings.builder().appId("sample-shop").base64(false).build());
    Subject visitor =
        Subject.builder()
            .userId("alice@example.com")
            .domainUserId(UUID.randomUUID().toString())
            .sessionId(UUID.randomUUID().toString())
            .sessionIndex(2)
            .networkUserId(UUID.randomUUID().toString())
            .ipAddress("198.51.100.23")
            .userAgent("Mozilla/5.0 (sample)")
            .language("en-GB")
            .build();
    PageView pageView =
        PageView.builder()
            .url("https://shop.example.com/products/42")
            .title("Red shoes")
            .entity(
                SelfDescribingJson.of(
                    "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0",
                    Map.of("id", UUID.randomUUID().toString())))
            .build();

    for (Anonymisation anonymisation :
        new Anonymisation[] {
          Anonymisation.FULL_TRACKING,
          Anonymisation.ANONYMOUS_WITH_SESSION,
          Anonymisation.ANONYMOUS,
          Anonymisation.ANONYMOUS_SERVER
        }) {
      EncodedEvent event = encoder.encode(pageView, visitor, anonymisation).get(0);
      System.out.println();
      System.out.println(
          anonymisation.level()
              + (anonymisation.serverAnonymisation() ? " + server anonymisation" : "")
              + (event.serverAnonymisation() ? "  (sent with SP-Anonymous: *)" : ""));
      System.out.println(event.toJson(System.currentTimeMillis()));
    }
  }
}
