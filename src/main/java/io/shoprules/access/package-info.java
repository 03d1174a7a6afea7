/**
 * Role names, shared by the resources that require them and by {@code api.ApiKeys}, which grants
 * them. Depends on nothing of the application (ArchitectureTest).
 */
package io.shoprules.access;
