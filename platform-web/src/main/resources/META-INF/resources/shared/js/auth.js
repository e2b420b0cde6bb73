// Sign-in with Keycloak by the page itself: OpenID Connect authorization code flow with PKCE (S256) for a public
// client. Shared by the agent console (ticket-service, /agent/, client `support-console`) and the operator
// dashboard (analytics-service, /dashboard/, client `support-dashboard`); platform-web serves it at /shared/js/.
// The page names its base path; `<base path>config.json` (served by the page's service) says which realm
// (`oidcUrl`) and client (`clientId`). Tokens live in this module's memory only; sessionStorage holds just the
// short-lived secrets of a sign-in in flight (verifier, state, nonce), for the redirect back to the page.

const REFRESH_AHEAD_MS = 30_000;

let basePath = null; // the page's path, e.g. '/agent/': where Keycloak sends the browser back
let config = null;   // {oidcUrl, clientId} from <basePath>config.json
let provider = null; // the realm's .well-known/openid-configuration
let tokens = null;   // {access, refresh, id, expiresAt}
let refreshTimer = null;
let onExpired = () => {};

const redirectUri = () => `${location.origin}${basePath}`;
const inFlightKey = () => `supportflow.signin:${basePath}`;

/**
 * Reads the page's settings and discovers the realm's endpoints. `basePath`: the page's own path ('/agent/');
 * `onExpired`: called when the session ends without the page asking (a refresh refused).
 */
export async function init({ basePath: path, onExpired: whenExpired }) {
  if (!path?.startsWith('/') || !path.endsWith('/')) throw new Error(`basePath must be a path like /page/: ${path}`);
  basePath = path;
  onExpired = whenExpired ?? (() => {});
  config = await getJson(`${basePath}config.json`);
  provider = await getJson(`${config.oidcUrl}/.well-known/openid-configuration`);
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function base64Url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomString = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The claims of a JWT, read without verifying it (it came straight from the token endpoint). */
export function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Leaves for Keycloak's login page; `returnTo` (the page's hash) is restored after the sign-in. */
export async function signIn(returnTo = location.hash) {
  const verifier = randomString();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const flight = { verifier, state: randomString(), nonce: randomString(), returnTo };
  sessionStorage.setItem(inFlightKey(), JSON.stringify(flight));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid',
    state: flight.state, nonce: flight.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On the way back from Keycloak (?code=&state= or ?error=): checks the state, exchanges the code with the
 * verifier, checks the ID token's nonce, issuer and audience. Returns false when this is no return at all.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const flight = JSON.parse(sessionStorage.getItem(inFlightKey()) ?? 'null');
  sessionStorage.removeItem(inFlightKey());
  history.replaceState(null, '', `${location.pathname}${flight?.returnTo ?? ''}`);
  if (!flight || params.get('state') !== flight.state) throw new Error('state mismatch');
  if (params.has('error')) throw new Error(params.get('error'));
  const answer = await tokenRequest({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    client_id: config.clientId, code_verifier: flight.verifier,
  });
  const id = claimsOf(answer.id_token);
  const audiences = [id.aud].flat();
  if (id.nonce !== flight.nonce) throw new Error('nonce mismatch');
  if (id.iss !== provider.issuer || !audiences.includes(config.clientId)) throw new Error('ID token not for this page');
  keep(answer);
  return true;
}

async function tokenRequest(form) {
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error_description || body.error || `HTTP ${response.status}`);
  return body;
}

function keep(answer) {
  tokens = {
    access: answer.access_token,
    refresh: answer.refresh_token ?? tokens?.refresh,
    id: answer.id_token ?? tokens?.id,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(() => onExpired()),
    Math.max(5_000, tokens.expiresAt - Date.now() - REFRESH_AHEAD_MS));
}

/** A new access token with the refresh token; throws when the session is gone. */
export async function refresh() {
  if (!tokens?.refresh) throw new Error('not signed in');
  try {
    keep(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: config.clientId }));
  } catch (e) {
    tokens = null;
    throw e;
  }
}

export const accessToken = () => tokens?.access ?? null;

/** Who is signed in: the user name and realm roles of the access token. */
export function user() {
  if (!tokens) return null;
  const claims = claimsOf(tokens.access);
  return { name: claims.preferred_username, roles: claims.realm_access?.roles ?? [] };
}

/** Ends the Keycloak session too, and comes back to the page signed out. */
export function signOut() {
  const url = new URL(provider.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId, post_logout_redirect_uri: redirectUri(),
    ...(tokens?.id ? { id_token_hint: tokens.id } : {}),
  }).toString();
  tokens = null;
  clearTimeout(refreshTimer);
  location.assign(url.toString());
}
