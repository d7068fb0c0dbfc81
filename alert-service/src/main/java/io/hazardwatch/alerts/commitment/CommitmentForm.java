package io.hazardwatch.alerts.commitment;

import java.util.List;

/** What the enterprise's responsible person sends (the body of {@code PUT /api/commitments/{enterprise}/{date}}). */
public record CommitmentForm(String person, String phone, List<UnitDeclaration> units, String note) {
}
