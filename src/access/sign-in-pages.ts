import { Router, type Request, type Response } from 'express';
import type { PageKit } from '../web/index.ts';
import type { Actor, CredentialFailure } from './actor.ts';
import type { Authenticator } from './authenticate.ts';
import { checkSessionSecret, checkToken, type TokenCheckDeps } from './check-token.ts';
import { openBrowserSession } from './open-browser-session.ts';
import { clearSessionCookie, sessionSecretOf } from './session-cookie.ts';
import { endSession } from './sessions.ts';
import { signInLinkPages } from './sign-in-link-pages.ts';

export interface SignInPageDeps {
  tokens: TokenCheckDeps;
  auth: Authenticator;
  pages: PageKit;
  /** Where an actor starts: a manager's team review, a participant's intake, the consultant home. */
  landingFor(actor: Actor): Promise<string>;
}

/** Why a personal link did not work, in words for the person holding it. */
const LINK_PROBLEMS: Record<CredentialFailure, { status: number; heading: string; message: string }> = {
  expired: { status: 410, heading: 'This link has expired', message: 'Personal links work for a limited time. Your saved answers are safe: ask the consultant who invited you for a new link, and you can carry on where you left off.' },
  revoked: { status: 410, heading: 'This link has been replaced', message: 'A newer link was sent to you, or this one was withdrawn. Use the most recent invitation e-mail, or ask the consultant who invited you for a new link.' },
  unknown: { status: 404, heading: 'This link is not valid', message: 'Check that the whole link was copied from the e-mail. If it still does not work, ask the consultant who invited you for a new link.' },
};

/** `/`, `/i/:token` (personal links), `/sign-in` (consultants), `/sign-in/link/:token` (one-time links), `/sign-out`, `/signed-out`. */
export function signInPages(deps: SignInPageDeps): Router {
  const router = Router();
  router.use(signInLinkPages(deps));

  router.get('/', async (req, res) => {
    const secret = sessionSecretOf(req);
    const check = secret ? await checkSessionSecret(deps.tokens, secret) : undefined;
    if (check && 'actor' in check) return res.redirect(303, await deps.landingFor(check.actor));
    deps.pages.render(req, res, 'access/home', { title: 'Welcome' });
  });

  router.get('/i/:token', async (req, res) => {
    const outcome = await signIn(deps, req, res, String(req.params.token));
    res.set('Cache-Control', 'no-store');
    if ('actor' in outcome) return res.redirect(303, await deps.landingFor(outcome.actor));
    const problem = LINK_PROBLEMS[outcome.failure];
    deps.pages.render(req, res, 'access/link-problem', { title: problem.heading, ...problem }, problem.status);
  });

  router.get('/sign-in', (req, res) => {
    deps.pages.render(req, res, 'access/sign-in', { title: 'Consultant sign in' });
  });

  router.post('/sign-in', async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    if (token === '') return renderSignInError(deps, req, res, 'Paste your consultant token.', 422);
    const outcome = await signIn(deps, req, res, token);
    if ('failure' in outcome) return renderSignInError(deps, req, res, 'This token was not accepted. Check that you pasted all of it; a consultant token is 32 characters long.', 401);
    res.redirect(303, await deps.landingFor(outcome.actor));
  });

  router.post('/sign-out', async (req, res) => {
    const secret = sessionSecretOf(req);
    if (secret) await endSession(deps.tokens, secret);
    clearSessionCookie(req, res);
    res.redirect(303, '/signed-out');
  });

  router.get('/signed-out', (req, res) => {
    deps.pages.render(req, res, 'access/signed-out', { title: 'Signed out' });
  });
  return router;
}

/** Checks a token and, when it is good, signs this browser in with it. A refused token counts towards the 429 limit. */
async function signIn(deps: SignInPageDeps, req: Request, res: Response, secret: string): Promise<{ actor: Actor } | { failure: CredentialFailure }> {
  const check = await checkToken(deps.tokens, secret);
  if ('failure' in check) {
    req.log?.warn({ reason: check.failure }, 'sign-in refused');
    await deps.auth.countFailure(req, res);
    return check;
  }
  await openBrowserSession(deps.tokens, req, res, check.actor, check.expiresAt);
  req.log?.info({ kind: check.actor.kind }, 'signed in');
  return { actor: check.actor };
}

function renderSignInError(deps: SignInPageDeps, req: Request, res: Response, message: string, status: number): void {
  const field = { error: message, errorId: 'token-error' };
  deps.pages.render(req, res, 'access/sign-in', { title: 'Error: Consultant sign in', field, errors: [{ href: '#token', target: 'token', message }] }, status);
}
