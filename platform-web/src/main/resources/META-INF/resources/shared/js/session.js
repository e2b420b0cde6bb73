// The sign-in steps a page signed in through Keycloak takes when it loads, shared by the agent console and the
// operator dashboard (platform-web, /shared/js/): read the page's settings, finish a sign-in coming back from
// Keycloak, then show the page, or its sign-in screen (after a failed sign-in, or a sign-out by the user).

import * as auth from './auth.js';
import { whenSessionLost } from './api.js';

/**
 * Starts the page's session. `basePath`: the page's path ('/agent/'); `signedOutKey`: the sessionStorage key
 * that remembers a sign-out by the user (see signOut); `onExpired`: the session ended without the page asking.
 * Then exactly one of: `showPage()`, `showSignIn({failed, signedOut})` (failed: the Error of a failed sign-in;
 * signedOut: the user signed out), `showError(error)` (the settings or the realm could not be read).
 */
export async function startSession({ basePath, signedOutKey, onExpired, showPage, showSignIn, showError }) {
  whenSessionLost(onExpired);
  try {
    await auth.init({ basePath, onExpired });
  } catch (e) {
    showError(e);
    return;
  }
  let signedIn = false;
  try {
    signedIn = await auth.completeSignIn();
  } catch (e) {
    showSignIn({ failed: e, signedOut: false });
    return;
  }
  if (signedIn) {
    sessionStorage.removeItem(signedOutKey);
    showPage();
  } else {
    showSignIn({ failed: null, signedOut: sessionStorage.getItem(signedOutKey) !== null });
  }
}

/** To Keycloak's login page, coming back to `returnTo` (the page's hash). */
export function signIn(signedOutKey, returnTo = location.hash) {
  sessionStorage.removeItem(signedOutKey);
  return auth.signIn(returnTo);
}

/** Ends the Keycloak session too; the page then says it was signed out. */
export function signOut(signedOutKey) {
  sessionStorage.setItem(signedOutKey, '1');
  auth.signOut();
}
