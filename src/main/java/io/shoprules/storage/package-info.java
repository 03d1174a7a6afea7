/**
 * What the stores share in how they read tables (the outbox, the decision log). Depends on nothing of
 * the application but Panache, so every store can use it without a cycle.
 */
package io.shoprules.storage;
