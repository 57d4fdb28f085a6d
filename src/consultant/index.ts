/**
 * consultant: the consultant's pages (engagements, completion and roster, shortlist review, curriculum
 * calendar, outbox, the demo). Pages only: every change goes through another component's use case,
 * reached through its index.ts; this component owns no collection.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { curriculumPages } from './entry-points/curriculum-pages.ts';
import { demoPages } from './entry-points/demo-pages.ts';
import { engagementPage } from './entry-points/engagement-page.ts';
import { formAddresses } from './entry-points/form-addresses.ts';
import { homePages } from './entry-points/home-pages.ts';
import { outboxPage } from './entry-points/outbox-page.ts';
import type { ConsultantPagesDeps } from './entry-points/page-context.ts';
import { rosterPages } from './entry-points/roster-pages.ts';
import { shortlistPages } from './entry-points/shortlist-pages.ts';

export type { ConsultantPagesDeps } from './entry-points/page-context.ts';

/** The consultant pages' templates (`consultant/...`), for the web shell's view engine. */
export const consultantViewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** Every consultant page router, in the order app.ts mounts them (the new-engagement form before `/:engagementId`). */
export function consultantPageRouters(deps: ConsultantPagesDeps): Router[] {
  return [homePages(deps), demoPages(deps), engagementPage(deps), rosterPages(deps), shortlistPages(deps), curriculumPages(deps), outboxPage(deps), formAddresses(deps)];
}
