// A service's API with the signed-in user's bearer token (shared by the agent console and the operator
// dashboard). A 401 gets one refresh of the token; if the session is gone, the page's whenSessionLost handler
// runs (it goes back to sign-in).

import { accessToken, refresh } from './auth.js';

/** An answer other than 2xx: the status and the API's JSON error body {"error", "message"}. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error;
  }
}

let onSessionLost = () => {};
export const whenSessionLost = handler => { onSessionLost = handler; };

/** fetch() with the bearer token, retried once after a refresh when the token was refused. */
export async function authorizedFetch(path, init = {}) {
  const send = () => fetch(path, {
    ...init, headers: { ...init.headers, Authorization: `Bearer ${accessToken()}` },
  });
  let response = await send();
  if (response.status === 401) {
    try {
      await refresh();
    } catch {
      onSessionLost();
      throw new ApiError(401, { error: 'unauthorized', message: 'session expired' });
    }
    response = await send();
  }
  return response;
}

/** A JSON call; resolves to {body, etag}, rejects with an ApiError. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await authorizedFetch(path, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, json);
  return { body: json, etag: response.headers.get('ETag') };
}
