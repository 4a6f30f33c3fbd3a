package io.github.snowplowjakarta.sample.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop as a Spring Boot user writes it, tracked by the starter: an HTML page, a consent banner, a
 * JSON API and a {@code @Tracked} service; {@code /events} shows what reached the collector.
 */
@SpringBootApplication
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
