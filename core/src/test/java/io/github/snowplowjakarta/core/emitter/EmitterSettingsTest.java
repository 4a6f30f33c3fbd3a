package io.github.snowplowjakarta.core.emitter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmitterSettingsTest {
  private static final URI COLLECTOR = URI.create("http://127.0.0.1:9");

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of("collector must not be null", (ThrowingCallable) () -> Emitter.builder(null)),
        Arguments.of(
            "collector must be an http or https URI with a host, was 'ftp://x'",
            (ThrowingCallable) () -> Emitter.builder(URI.create("ftp://x"))),
        Arguments.of(
            "collector must be an http or https URI with a host, was '/relative'",
            (ThrowingCallable) () -> Emitter.builder(URI.create("/relative"))),
        Arguments.of(
            "postPath must start with '/', was 'tp2'",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).postPath("tp2")),
        Arguments.of(
            "batchSize must be positive, was 0",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).batchSize(0)),
        Arguments.of(
            "maxBatchBytes must be at most 900000",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).maxBatchBytes(2_000_000)),
        Arguments.of(
            "queueCapacity must be positive, was -1",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).queueCapacity(-1)),
        Arguments.of(
            "maxQueueBytes must be positive, was 0",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).maxQueueBytes(0)),
        Arguments.of(
            "flushInterval must be positive, was PT0S",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).flushInterval(Duration.ZERO)),
        Arguments.of(
            "max backoff must not be less than initial backoff",
            (ThrowingCallable)
                () ->
                    Emitter.builder(COLLECTOR)
                        .retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))),
        Arguments.of(
            "header name must not be blank",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).header(" ", "v")),
        Arguments.of(
            "overflowPolicy must not be null",
            (ThrowingCallable) () -> Emitter.builder(COLLECTOR).overflowPolicy(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSettings")
  void isRefusedWithAMessageNamingTheSetting(String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
