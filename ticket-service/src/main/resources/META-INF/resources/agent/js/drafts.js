// Replies and notes being typed, per ticket, in sessionStorage: they survive a sign-in round trip to
// Keycloak (an expired session) and a reload, and stay in this tab only.

const key = (ticketId, kind) => `supportflow.draft.${kind}.${ticketId}`;

export function loadDraft(ticketId, kind) {
  return sessionStorage.getItem(key(ticketId, kind)) ?? '';
}

export function saveDraft(ticketId, kind, text) {
  if (text) sessionStorage.setItem(key(ticketId, kind), text);
  else sessionStorage.removeItem(key(ticketId, kind));
}
