/** CDI portable extension that makes {@code @Inject Tracker} work. Not built yet: see issue 5. */
package io.github.snowplowjakarta.cdi;
