package org.supportflow.analytics.labels;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/v1/analytics/unrecognized/{id}/label} body: an intent of the taxonomy (CONTRACT.md §6). */
public record LabelRequest(@NotBlank @Size(max = 64) String intent) {
}
