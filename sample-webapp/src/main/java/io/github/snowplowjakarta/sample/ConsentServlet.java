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
@WebServlet({"/consent", ConsentServlet.SHOWN})
public class ConsentServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Where the banner's script reports that the browser shows it. */
  static final String SHOWN = "/consent/shown";

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

  /**
   * The banner's report that a browser shows it: a {@code cmp_visible} event at the level of the
   * request, as any event. It comes from the page's script, not from rendering the page, so a
   * crawler or {@code curl}, which runs no script and sees no banner, records none (the filter
   * skips their page views too).
   */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    if (!SHOWN.equals(request.getServletPath())) {
      response.setStatus(405);
      return;
    }
    if (previousChoice(request) == null) {
      SnowplowRequest.tracker(request)
          .ifPresent(t -> t.track(CmpVisible.builder().elapsedTime(elapsed(request)).build()));
    }
    response.setStatus(204);
  }

  /** Seconds from the page's start to the banner's script, as the script measured them. */
  private static double elapsed(HttpServletRequest request) {
    try {
      double seconds = Double.parseDouble(request.getParameter("elapsed"));
      return seconds >= 0 && seconds < 3600 ? seconds : 0;
    } catch (NullPointerException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The script that reports the banner shown, for a page whose visitor has not chosen yet; empty
   * otherwise. It posts to {@link #SHOWN} with the page's query, so the event's URL names the
   * page's visit.
   */
  static String bannerScript(HttpServletRequest request) {
    if (previousChoice(request) != null) {
      return "";
    }
    String query = request.getQueryString();
    String url = Html.url(request, SHOWN) + (query == null ? "" : "?" + query);
    return "<script>fetch("
        + Html.jsString(url)
        + ",{method:'POST',credentials:'same-origin',keepalive:true,"
        + "body:new URLSearchParams({elapsed:(performance.now()/1000).toFixed(3)})})</script>";
  }
}
