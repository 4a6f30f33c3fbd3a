package io.github.snowplowjakarta.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.snowplowjakarta.web.TrackedRequest;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cookies the route filter writes with the response's headers: a page at {@code all} gets the
 * identity cookies (Vert.x route and quarkus-rest page alike), a JSON answer none, and a consent
 * choice a quarkus-rest resource records goes out as the consent cookie.
 */
class CookiesTest {
  static {
    QuarkusApps.startCollector();
  }

  @RegisterExtension
  static final QuarkusUnitTest QUARKUS =
      QuarkusApps.test()
          .withApplicationRoot(
              jar -> jar.addClasses(Routes.class, Consent.class, QuarkusApps.class))
          .overrideConfigKey("snowplow.cookie.manage", "true")
          .setAfterAllCustomizer(QuarkusApps::closeCollector);

  @ApplicationScoped
  public static class Routes {
    void routes(@Observes Router router) {
      router
          .get("/vertx/page")
          .handler(
              rc ->
                  rc.response()
                      .putHeader("Content-Type", "text/html")
                      .end("<html><head><title>Hi</title></head></html>"));
    }
  }

  @Path("/rest")
  public static class Consent {
    @GET
    @Path("/page")
    @Produces(MediaType.TEXT_HTML)
    public String page() {
      return "<html><head><title>Hi</title></head></html>";
    }

    @GET
    @Path("/json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json() {
      return "{}";
    }

    @GET
    @Path("/accept")
    @Produces(MediaType.APPLICATION_JSON)
    public String accept() {
      return "{\"recorded\":" + TrackedRequest.recordConsent("all").isPresent() + "}";
    }
  }

  @TestHTTPResource("/")
  URI root;

  @Test
  void identityCookiesGoOutWithPagesAndAConsentChoiceWithItsAnswer() {
    for (String page : List.of("vertx/page", "rest/page")) {
      assertThat(cookies(root.resolve(page), "sp_consent=all"))
          .as(page)
          .anyMatch(c -> c.startsWith("_sp_id."))
          .anyMatch(c -> c.startsWith("_sp_ses."));
    }
    assertThat(cookies(root.resolve("rest/json"), "sp_consent=all")).as("JSON").isEmpty();
    HttpResponse<String> accepted = QuarkusApps.get(root.resolve("rest/accept"));
    assertThat(accepted.body()).isEqualTo("{\"recorded\":true}");
    assertThat(accepted.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("sp_consent=all;"));
  }

  private static List<String> cookies(URI uri, String cookie) {
    HttpResponse<String> response = QuarkusApps.get(uri, "Cookie", cookie);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().allValues("Set-Cookie");
  }
}
