/**
 * Bounds on the service's own numeric settings, checked as the configuration is built, so a start
 * with a setting out of bounds fails at once and names it. This package depends on nothing of the
 * application (ArchitectureTest), so every package's {@code @ConfigMapping} can use it.
 */
package io.shoprules.settings;
