package io.hazardwatch.alerts.auth;

import java.util.List;

/**
 * A user of the duty-room API.
 *
 * @param gridCells  for GRID_STAFF: the grid cells they cover
 * @param enterprise for ENTERPRISE: their enterprise
 */
public record User(String username, Role role, List<String> gridCells, String enterprise) {
}
