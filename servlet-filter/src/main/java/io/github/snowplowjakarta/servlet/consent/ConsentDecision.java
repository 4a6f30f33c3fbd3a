package io.github.snowplowjakarta.servlet.consent;

import io.github.snowplowjakarta.core.Anonymisation;

/**
 * How anonymous one request's tracking must be, and why.
 *
 * @param anonymisation the level and server flag
 * @param reason what decided it, such as {@code OneTrust group C0002 = 0}, for the page that shows
 *     it and for logs; never a cookie value
 */
public record ConsentDecision(Anonymisation anonymisation, String reason) {}
