package io.github.snowplowjakarta.core.internal;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Version 4 UUIDs for event ids, made fast: each thread draws from its own L64X256MixRandom (256
 * bits of state) seeded from {@link SecureRandom}, so ids are unique without the lock and system
 * calls of {@link UUID#randomUUID()}. Event ids must be unique, not secret. Not API, may change.
 */
public final class RandomUuids implements Supplier<UUID> {
  public static final RandomUuids INSTANCE = new RandomUuids();

  private static final SecureRandom SEEDS = new SecureRandom();
  private static final ThreadLocal<RandomGenerator> GENERATORS =
      ThreadLocal.withInitial(RandomUuids::newGenerator);

  private RandomUuids() {}

  private static RandomGenerator newGenerator() {
    byte[] seed = new byte[32];
    SEEDS.nextBytes(seed);
    return RandomGeneratorFactory.of("L64X256MixRandom").create(seed);
  }

  @Override
  public UUID get() {
    RandomGenerator random = GENERATORS.get();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least);
  }
}
