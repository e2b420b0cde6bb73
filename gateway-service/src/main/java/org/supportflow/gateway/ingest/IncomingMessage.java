package org.supportflow.gateway.ingest;

import org.supportflow.contracts.events.Customer;

import java.time.Instant;
import java.util.Map;

/** A validated ingestion body (CONTRACT.md §1). {@code sentAt} may be null. */
public record IncomingMessage(String messageId, Customer customer, String text, Instant sentAt,
                              Map<String, String> metadata) {
}
