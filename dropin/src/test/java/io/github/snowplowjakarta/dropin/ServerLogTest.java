package io.github.snowplowjakarta.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerLogTest {
  private static final String ESC = "\u001B";

  @Test
  void findsSlf4jsWarningsInPayaraMicrosLogOfTheNineSeparateJars() throws IOException {
    // Captured from Payara Micro 6.2025.10 deploying the Faces test page with core, servlet, cdi,
    // Jackson, HttpClient 5 and slf4j-api as separate jars in WEB-INF/lib (no SLF4J provider).
    String log = resource("/server-logs/payara-micro-nine-jars.log");

    assertThat(ServerLog.warningsAboutUs(log))
        .containsExactly(
            "SLF4J(W): No SLF4J providers were found.",
            "SLF4J(W): Defaulting to no-operation (NOP) logger implementation",
            "SLF4J(W): See https://www.slf4j.org/codes.html#noProviders for further details.");
  }

  @Test
  void aPayaraWarningNamingUsIsFoundAndTheSameAtInfoIsNot() {
    String warning = payaraRecord("WARNING", "900", "emitter io.github.snowplowjakarta.core: down");
    String info = payaraRecord("INFO", "800", "emitter io.github.snowplowjakarta.core: started");

    assertThat(ServerLog.warningsAboutUs(info + "\n" + warning + "\n"))
        .singleElement()
        .asString()
        .contains("down");
  }

  @Test
  void aMultiLineRecordIsOneRecordWithItsLevel() {
    String severe =
        "[2026-11-29T17:49:57.271+0000] [] ["
            + ESC
            + "[1;91mSEVERE"
            + ESC
            + "[0m] [] [x] [tid: _ThreadID=1 _ThreadName=main] [levelValue: 1000] [[\n"
            + "  java.lang.IllegalStateException: closed\n"
            + "\tat io.github.snowplowjakarta.core.emitter.Emitter.close(Emitter.java:1)\n"
            + "]]";
    String fine =
        "[2026-11-29T17:49:58.271+0000] [] [FINE] [] [x] [levelValue: 500] [[\n"
            + "  at io.github.snowplowjakarta.core.emitter.Emitter.close(Emitter.java:1)\n"
            + "]]";

    assertThat(ServerLog.records(severe + "\n\n" + fine)).hasSize(2);
    assertThat(ServerLog.warningsAboutUs(severe + "\n\n" + fine))
        .singleElement()
        .asString()
        .startsWith("[2026-11-29T17:49:57.271+0000] [] [SEVERE]");
  }

  @Test
  void javaUtilLoggingsOwnFormatLateInShutdownIsReadToo() {
    String log =
        "Nov 29, 2026 5:51:50 PM fish.payara.micro.impl.PayaraMicroImpl$1 run\n"
            + "INFO: Payara Micro STOPPED.\n"
            + "Nov 29, 2026 5:51:51 PM io.github.snowplowjakarta.core.emitter.Emitter close\n"
            + "WARNING: 3 events not delivered\n";

    assertThat(ServerLog.warningsAboutUs(log))
        .containsExactly(
            "Nov 29, 2026 5:51:51 PM io.github.snowplowjakarta.core.emitter.Emitter close\n"
                + "WARNING: 3 events not delivered");
  }

  @Test
  void theServersOwnWarningsAreNotOurs() {
    assertThat(
            ServerLog.warningsAboutUs(
                payaraRecord("WARNING", "900", "The SSL certificate with alias x has expired")))
        .isEmpty();
  }

  private static String payaraRecord(String level, String value, String message) {
    return "[2026-11-29T17:51:34.913+0000] [] ["
        + ESC
        + "[1;93m"
        + level
        + ESC
        + "[0m] [] ["
        + ESC
        + "[1;94mjakarta.enterprise.web.core"
        + ESC
        + "[0m] [tid: _ThreadID=72 _ThreadName=http-thread-pool::http-listener(2)]"
        + " [timeMillis: 1795974694913] [levelValue: "
        + value
        + "] [[\n  "
        + message
        + "\n]]";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ServerLogTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void payaraSevensCacheCleanerFailingOnTheApplicationsOwnSlf4jIsNotOurs() {
    String cleaner =
        "[2026-12-06T03:47:56.431+0000] [] [WARNING] [] [javax.enterprise.system.util] [tid: 1]"
            + " [[\n  Error clearing SLF4J cache\njava.lang.NullPointerException: Cannot invoke"
            + " \"java.lang.reflect.Field.set(Object, Object)\"\n\tat"
            + " com.sun.enterprise.loader.CacheCleaner.clearSLF4jCache(CacheCleaner.java:111)\n]]";
    String slf4j =
        "[2026-12-06T03:47:56.431+0000] [] [WARNING] [] [x] [tid: 1] SLF4J: No SLF4J providers";
    String oursInTheCleaner =
        cleaner.replace(
            "CacheCleaner.java:111)", "CacheCleaner.java:111) io.github.snowplowjakarta");

    assertThat(ServerLog.warningsAboutUs(cleaner)).isEmpty();
    assertThat(ServerLog.warningsAboutUs(slf4j)).hasSize(1);
    assertThat(ServerLog.warningsAboutUs(oursInTheCleaner)).hasSize(1);
  }
}
