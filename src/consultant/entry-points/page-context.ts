import type { Request, Response } from 'express';
import { consultantIdOf, type Authenticator } from '../../access/index.ts';
import type { CurriculumComponent } from '../../curriculum/index.ts';
import type { DemoComponent } from '../../demo/index.ts';
import { CONSULTANT_HOME_PATH, consultantNav, type Engagement, type EngagementsComponent } from '../../engagements/index.ts';
import type { ModuleCatalogue } from '../../library/index.ts';
import type { Mail } from '../../mail/index.ts';
import type { SchemaRegistry } from '../../platform/validation.ts';
import type { ShortlistComponent } from '../../shortlist/index.ts';
import type { NavLink, PageKit, PageData } from '../../web/index.ts';

/** Everything the consultant pages call: the other components' use cases, through their index.ts. */
export interface ConsultantPagesDeps {
  pages: PageKit;
  auth: Authenticator;
  schemas: SchemaRegistry;
  engagements: EngagementsComponent;
  shortlist: ShortlistComponent;
  curriculum: CurriculumComponent;
  mail: Pick<Mail, 'listOutbox' | 'writesFilesOnly'>;
  library: ModuleCatalogue;
  demo: DemoComponent;
}

export type EngagementTab = 'overview' | 'shortlist' | 'curriculum' | 'outbox';

const TABS: ReadonlyArray<{ tab: EngagementTab; label: string; path: string }> = [
  { tab: 'overview', label: 'Overview', path: '' },
  { tab: 'shortlist', label: 'Shortlist', path: '/shortlist' },
  { tab: 'curriculum', label: 'Curriculum', path: '/curriculum' },
  { tab: 'outbox', label: 'Outbox', path: '/outbox' },
];

/** The consultant calling; every route here runs behind `requireConsultant`. */
export { consultantIdOf };

/** The path of one of an engagement's pages. */
export function engagementPath(engagementId: string, sub = ''): string {
  return `${CONSULTANT_HOME_PATH}/engagements/${encodeURIComponent(engagementId)}${sub}`;
}

/** The engagement of a `:engagementId` route, when this consultant runs it (404 `engagement-not-found` otherwise). */
export function ownEngagement(deps: ConsultantPagesDeps, req: Request, res: Response): Promise<Engagement> {
  return deps.engagements.getOwnEngagement(consultantIdOf(res), String(req.params.engagementId));
}

/**
 * Renders one of an engagement's pages: the title names the page and the engagement (and says Demo),
 * the header carries the engagement's name, its Demo badge and the tabs between its pages.
 */
export function renderEngagementPage(
  deps: ConsultantPagesDeps,
  req: Request,
  res: Response,
  page: { view: string; tab: EngagementTab; heading: string; engagement: Engagement; status?: number },
  data: Omit<PageData, 'title'>,
): void {
  const { engagement, tab } = page;
  // Every title of a demo says so; the demo's own name already does, and saying it twice reads as a glitch.
  const demo = engagement.isDemo && !/\bdemo\b/i.test(engagement.name) ? ' (Demo)' : '';
  const title = page.heading === engagement.name ? `${engagement.name}${demo}` : `${page.heading}: ${engagement.name}${demo}`;
  const tabs: NavLink[] = TABS.map((t) => ({ href: engagementPath(engagement.id, t.path), label: t.label, current: t.tab === tab }));
  deps.pages.render(req, res, page.view, {
    title: data.errors && (data.errors as unknown[]).length > 0 ? `Error: ${title}` : title,
    nav: consultantNav(''),
    wide: true,
    scripts: ['forms.js', 'consultant.js'],
    header: { engagement, heading: page.heading, tabs },
    ...data,
  }, page.status);
}

/**
 * Fixed sentences for the flags a redirect after a successful POST carries (`?done=<flag>`):
 * text from the query string is never echoed into a page.
 */
export function noticeFor(req: Request, sentences: Readonly<Record<string, string>>): { kind: 'success'; message: string } | undefined {
  const flag = typeof req.query.done === 'string' ? req.query.done : '';
  const message = Object.hasOwn(sentences, flag) ? sentences[flag] : undefined;
  return message ? { kind: 'success', message } : undefined;
}

/** A `?version=N` query, or undefined; anything else is ignored rather than echoed. */
export function versionQuery(req: Request): number | undefined {
  const raw = req.query.version;
  return typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : undefined;
}
