package io.github.snowplowjakarta.core;

/** The version of this library, generated at build time. */
public final class TrackerVersion {
  /** The Maven version of the core artifact. */
  public static final String VERSION = "${project.version}";

  /** The value sent as the tracker version ({@code tv}) unless a tracker overrides it. */
  public static final String TV = "java-jakarta-" + VERSION;

  private TrackerVersion() {}
}
