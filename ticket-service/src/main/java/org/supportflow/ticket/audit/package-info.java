/** The audit trail of tickets; read through {@code GET /api/v1/tickets/{id}/audit} and the ticket detail. */
package org.supportflow.ticket.audit;
