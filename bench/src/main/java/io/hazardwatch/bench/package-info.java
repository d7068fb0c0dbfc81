/** JMH benchmarks; run them with the scripts in bench/ (see bench/README.md). */
package io.hazardwatch.bench;
