package io.airq.planner.auth;

import io.airq.core.access.Role;

/**
 * Who made a request: the token's id and name, and its role.
 *
 * @param tokenId {@code bootstrap} for the configured {@code auth.admin.token}
 */
public record Caller(String tokenId, String name, Role role) {}
