package io.github.snowplowjakarta.sample;

import io.github.snowplowjakarta.core.TrackerVersion;

/** Placeholder entry point until the sample webapp exists. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("Snowplow Jakarta Tracker " + TrackerVersion.TV);
  }
}
