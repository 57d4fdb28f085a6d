import type { Request } from 'express';
import type { AppError } from '../platform/errors.ts';
import type { ViewEngine } from './view-engine.ts';

/** Paths outside /api/ that only machines call (probes): their errors stay problem+json. */
const MACHINE_PATHS = new Set(['/healthz', '/readyz']);

interface ErrorCopy {
  heading: string;
  message: string;
  /** Extra guidance for a person, e.g. how to sign in again. */
  signInHelp?: boolean;
}

const HEADINGS: Record<number, string> = {
  400: 'Something in the request could not be read',
  401: 'Please sign in again',
  403: 'This page is not open to you',
  404: 'Page not found',
  409: 'This changed in the meantime',
  410: 'This link no longer works',
  413: 'That was too much to send at once',
  422: 'This could not be saved',
  429: 'Too many attempts',
};

/**
 * The page an error shows a person: a readable message, the status and a way back. Operational
 * errors carry messages written to be shown; a bug shows a fixed sentence and never its details.
 * A script that asked for JSON gets problem+json instead (returns undefined).
 */
export function createErrorPageRenderer(views: ViewEngine): (req: Request, status: number, error: AppError | undefined) => string | undefined {
  return (req, status, error) => {
    if (MACHINE_PATHS.has(req.path) || req.accepts(['html', 'json']) === 'json') return undefined;
    const copy = copyFor(status, error);
    const view = status === 404 ? 'web/not-found' : 'web/error';
    return views.render(view, { title: `${copy.heading} (${status})`, status, ...copy, backHref: backHrefOf(req), signedIn: false });
  };
}

/**
 * The page the person came from, when it is one of ours and not this one: a form refused here (a file too
 * large, a stale form) is fixed there. Only a path of this site, so the link can never lead elsewhere.
 */
function backHrefOf(req: Request): string | undefined {
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    const isOurs = from.host === req.get('host') && (from.protocol === 'http:' || from.protocol === 'https:');
    return isOurs && from.pathname !== req.path ? from.pathname + from.search : undefined;
  } catch {
    return undefined;
  }
}

function copyFor(status: number, error: AppError | undefined): ErrorCopy {
  if (!error || status >= 500) {
    return {
      heading: status === 503 ? 'Tailor is not available just now' : 'Something went wrong on our side',
      message: status === 503 ? 'Please try again in a few minutes. Your saved answers are safe.' : 'It has been logged and we will look into it. Please try again; your saved answers are safe.',
    };
  }
  if (status === 404 && error.code === 'route-not-found') {
    return { heading: HEADINGS[404], message: 'There is no page at this address. Check it was copied completely, or start again from the beginning.' };
  }
  if (status === 401) {
    return { heading: HEADINGS[401], message: 'You are not signed in, or your session has ended.', signInHelp: true };
  }
  // A stale form is mostly a session that ended while the page stayed open: say so, and how to get back in.
  if (error.code === 'csrf-invalid') return { heading: 'This form could not be saved', message: error.message, signInHelp: true };
  return { heading: HEADINGS[status] ?? 'This could not be done', message: error.message, signInHelp: status === 403 };
}
