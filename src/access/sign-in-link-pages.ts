import { Router, type Request, type Response } from 'express';
import type { PageKit } from '../web/index.ts';
import type { Actor, CredentialFailure } from './actor.ts';
import type { Authenticator } from './authenticate.ts';
import type { TokenCheckDeps } from './check-token.ts';
import { openBrowserSession } from './open-browser-session.ts';
import { inspectSignInLink, redeemSignInLink, SIGN_IN_LINK_PATH } from './sign-in-links.ts';

const PROBLEMS: Record<CredentialFailure, { status: number; heading: string; message: string }> = {
  revoked: { status: 410, heading: 'This sign-in link has been used', message: 'A sign-in link works once, and this one has been used. Restart Tailor for a new link, or sign in with your consultant token.' },
  expired: { status: 410, heading: 'This sign-in link has expired', message: 'Sign-in links work for a few minutes. Restart Tailor for a new one, or sign in with your consultant token.' },
  unknown: { status: 404, heading: 'This sign-in link is not valid', message: 'Check that the whole link was copied from the terminal, or sign in with your consultant token.' },
};

/**
 * `GET /sign-in/link/:token` shows who the link signs in and a button; `POST /sign-in/link` spends it.
 * Why not sign in on the GET: a GET must not change anything, and link previewers and prefetchers
 * follow GETs, which would spend a one-time link before its owner clicks it.
 */
export function signInLinkPages(deps: { tokens: TokenCheckDeps; auth: Authenticator; pages: PageKit; landingFor(actor: Actor): Promise<string> }): Router {
  const router = Router();

  router.get(`${SIGN_IN_LINK_PATH}/:token`, async (req, res) => {
    const token = String(req.params.token);
    const link = await inspectSignInLink(deps.tokens, token);
    if ('failure' in link) return showProblem(deps, req, res, link.failure);
    deps.pages.render(req, res, 'access/sign-in-link', {
      title: 'Sign in to Tailor',
      consultantName: link.consultantName,
      token,
      minutesLeft: Math.max(1, Math.ceil((link.expiresAt.getTime() - deps.tokens.now().getTime()) / 60_000)),
    });
  });

  router.post(SIGN_IN_LINK_PATH, async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    const check = await redeemSignInLink(deps.tokens, token);
    if ('failure' in check) return showProblem(deps, req, res, check.failure);
    await openBrowserSession(deps.tokens, req, res, check.actor);
    req.log?.info({ kind: check.actor.kind, via: 'sign-in-link' }, 'signed in');
    res.redirect(303, await deps.landingFor(check.actor));
  });
  return router;
}

async function showProblem(deps: { auth: Authenticator; pages: PageKit }, req: Request, res: Response, failure: CredentialFailure): Promise<void> {
  req.log?.warn({ reason: failure }, 'sign-in link refused');
  await deps.auth.countFailure(req, res);
  const problem = PROBLEMS[failure];
  res.set('Cache-Control', 'no-store');
  deps.pages.render(req, res, 'access/sign-in-link-problem', { title: problem.heading, ...problem }, problem.status);
}
