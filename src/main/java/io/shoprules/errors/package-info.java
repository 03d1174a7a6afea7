/**
 * The client errors every layer may throw: the engine, the features and the resources alike.
 * {@code api.ProblemMappers} turns each into its problem+json answer. This package depends on
 * nothing of the application (ArchitectureTest), so any package can use it without a cycle.
 */
package io.shoprules.errors;
