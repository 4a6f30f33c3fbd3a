package io.github.snowplowjakarta.core.emitter;

import java.nio.file.Path;
import java.time.Duration;

/** Where and how an emitter keeps its events on disk: see {@link Emitter.Builder#spool}. */
record SpoolSettings(Path directory, SpoolFsync fsync, Duration fsyncInterval, long maxBytes) {}
