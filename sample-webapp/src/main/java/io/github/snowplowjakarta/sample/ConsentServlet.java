package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.core.event.BasisForProcessing;
import io.github.snowplowjakarta.core.event.CmpVisible;
import io.github.snowplowjakarta.core.event.ConsentDocument;
import io.github.snowplowjakarta.core.event.ConsentEvent;
import io.github.snowplowjakarta.core.event.ConsentGranted;
import io.github.snowplowjakarta.core.event.ConsentPreferences;
import io.github.snowplowjakarta.core.event.ConsentWithdrawn;
import io.github.snowplowjakarta.servlet.SnowplowRequest;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consent banner's choices. Records each with the consent events (granted / selected / denied,
 * withdrawn when the visitor narrows an earlier choice) through the filter, which also sets the
 * {@code sp_consent} cookie it reads and tracks the rest of the response at the new level.
 */
@WebServlet("/consent")
public class ConsentServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  static final String POLICY_VERSION = "2024-05";
  static final ConsentDocument POLICY =
      ConsentDocument.of("sample-privacy-policy", POLICY_VERSION).withName("Sample shop privacy");

  /** How much each choice allows, and the scopes it consents to. */
  private static final Map<String, Integer> RANK = Map.of("none", 0, "session", 1, "all", 2);

  private static final Map<String, List<String>> SCOPES =
      Map.of(
          "all", List.of("necessary", "analytics"),
          "session", List.of("necessary", "analytics-session"),
          "none", List.of("necessary"));

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String choice = request.getParameter("choice");
    if (!RANK.containsKey(choice)) {
      response.sendError(400, "choice must be all, session or none");
      return;
    }
    String previous = previousChoice(request);
    List<ConsentEvent> events = new ArrayList<>(2);
    if (previous != null && RANK.get(choice) < RANK.get(previous)) {
      // The visitor changed their mind and allows less than before.
      events.add(preferences(request, ConsentPreferences.Type.WITHDRAWN, choice));
      events.add(ConsentWithdrawn.builder().all("none".equals(choice)).document(POLICY).build());
    } else {
      ConsentPreferences.Type type =
          switch (choice) {
            case "all" -> ConsentPreferences.Type.ALLOW_ALL;
            case "session" -> ConsentPreferences.Type.ALLOW_SELECTED;
            default -> ConsentPreferences.Type.DENY_ALL;
          };
      events.add(preferences(request, type, choice));
      if (!"none".equals(choice)) {
        events.add(
            ConsentGranted.builder()
                .document(POLICY)
                .expiry(Instant.now().plus(Duration.ofDays(365)))
                .build());
      }
    }
    // The filter sets the sp_consent cookie (Path: the context path) and tracks the events.
    SnowplowRequest.recordConsent(request, choice, events.toArray(ConsentEvent[]::new));
    response.sendRedirect(Html.url(request, "/privacy"));
  }

  private static ConsentPreferences preferences(
      HttpServletRequest request, ConsentPreferences.Type type, String choice) {
    return ConsentPreferences.builder(type)
        .basisForProcessing(BasisForProcessing.CONSENT)
        .consentUrl(policyUrl(request))
        .consentVersion(POLICY_VERSION)
        .consentScopes(SCOPES.get(choice))
        .domainsApplied(request.getServerName())
        .build();
  }

  static String policyUrl(HttpServletRequest request) {
    return request.getScheme()
        + "://"
        + request.getServerName()
        + ":"
        + request.getServerPort()
        + request.getContextPath()
        + "/privacy";
  }

  /** The visitor's choice so far, or null: the banner is then shown. */
  static String previousChoice(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if ("sp_consent".equals(cookie.getName()) && RANK.containsKey(cookie.getValue())) {
          return cookie.getValue();
        }
      }
    }
    return null;
  }

  /** The banner asks for a choice: tracked at the level of the request, as any event. */
  static void bannerShown(HttpServletRequest request) {
    if (previousChoice(request) == null) {
      // Rendered with the page, so shown as soon as the page is.
      SnowplowRequest.tracker(request)
          .ifPresent(t -> t.track(CmpVisible.builder().elapsedTime(0).build()));
    }
  }
}
