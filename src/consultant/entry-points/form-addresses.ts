import { Router } from 'express';
import { engagementPath, ownEngagement, type ConsultantPagesDeps } from './page-context.ts';

/** Each form's address under an engagement, and the page (under the same engagement) it belongs to. */
const FORM_PAGES: ReadonlyArray<readonly [form: string, page: string]> = [
  ['/people', ''],
  ['/people/upload', ''],
  ['/people/:personId/link', ''],
  ['/shortlist/compute', '/shortlist'],
  ['/shortlist/decisions', '/shortlist'],
  ['/shortlist/pin', '/shortlist'],
  ['/shortlist/approve', '/shortlist'],
  ['/curriculum/generate', '/curriculum'],
  ['/curriculum/publish', '/curriculum'],
];

/**
 * A form whose answer is a page (a problem to fix, links shown once) leaves its own address in the
 * address bar. Opened again as a link (a restored tab, a copied address), that address leads to the
 * page the form belongs to instead of a 404; nothing is sent again.
 */
export function formAddresses(deps: ConsultantPagesDeps): Router {
  const router = Router();
  for (const [form, page] of FORM_PAGES) {
    router.get(`/consultant/engagements/:engagementId${form}`, deps.auth.requireConsultant, async (req, res) => {
      const engagement = await ownEngagement(deps, req, res);
      res.redirect(303, engagementPath(engagement.id, page));
    });
  }
  return router;
}
