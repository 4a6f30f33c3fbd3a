/** JMH benchmarks. */
package io.github.snowplowjakarta.benchmarks;
