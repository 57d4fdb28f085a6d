import type { Request, Response } from 'express';
import type { CsrfGuard } from './csrf.ts';
import type { ViewEngine } from './view-engine.ts';

/** A link of the page's navigation bar. */
export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

/** What every page passes: its title (for `<title>`), and optionally its navigation and scripts. */
export interface PageData {
  title: string;
  /** Links shown in the header, e.g. "Your intake", "Your team". */
  nav?: NavLink[];
  /** Files under `/static/` to load (deferred), e.g. `intake.js`. Never inline code (CSP). */
  scripts?: string[];
  /** A wider main column, for tables and calendars (the consultant pages). */
  wide?: boolean;
  [key: string]: unknown;
}

/** How a component's routes answer with a page. */
export interface PageKit {
  /** Renders `<namespace>/<view>` inside the layout and sends it (200 unless `status` says otherwise). */
  render(req: Request, res: Response, view: string, data: PageData, status?: number): void;
}

/**
 * Renders pages with what every page needs: the CSRF token for its forms (`{{> csrf-field}}`),
 * whether someone is signed in (the layout then offers "Sign out"), and headers that keep personal
 * answers out of shared caches and the back-forward history of a shared computer.
 */
export function createPageKit(views: ViewEngine, csrf: CsrfGuard): PageKit {
  return {
    render(req, res, view, data, status = 200) {
      const html = views.render(view, {
        ...data,
        csrfToken: csrf.tokenFor(req, res),
        signedIn: res.locals.actor !== undefined,
      });
      res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
    },
  };
}
