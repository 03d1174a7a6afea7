/**
 * The rule-set management API for operations: list, reload and validate drafts. The engine does the
 * work; this package only speaks HTTP, so that the engine needs no JAX-RS.
 */
package io.shoprules.rulesets;
