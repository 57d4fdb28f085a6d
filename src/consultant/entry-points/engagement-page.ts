import { Router, type Request, type Response } from 'express';
import { ROLE_LEVELS, type Engagement } from '../../engagements/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { ShortlistView } from '../../shortlist/index.ts';
import { presentProblems, type FormProblem } from '../domain/form-body.ts';
import { ROLE_LEVEL_LABELS, STAGE_LABELS } from '../domain/labels.ts';
import { pageRoster, readRosterFilter, type RosterFilter, type RosterPage } from '../domain/roster-page.ts';
import { statusTable } from '../domain/status-table.ts';
import { consultantIdOf, engagementPath, noticeFor, ownEngagement, renderEngagementPage, type ConsultantPagesDeps } from './page-context.ts';

/** A person as typed into the "Add a person" form. */
export interface PersonFormValues {
  name: string;
  email: string;
  department: string;
  roleLevel: string;
  managerEmail: string;
}

/** What a POST on the overview shows besides the usual: a form's problems, or links shown once. */
export interface OverviewExtras {
  person?: PersonFormValues;
  problems?: FormProblem[];
  /** New personal links (added people, a re-issued link): shown this once, never stored in clear. */
  links?: Array<{ name: string; url: string; expiresOn: string }>;
  notice?: { kind: 'success' | 'info' | 'warning'; message: string };
  warnings?: string[];
  status?: number;
}

const NOTICES = {
  created: 'The engagement is open. Add the people who take part, by form or CSV; each gets an invitation with their personal link.',
  'demo-created': 'The demo engagement is ready: eight people have answered and their managers have reviewed their tasks; the shortlist is computed and approved and a curriculum is drafted. Look at the shortlist first.',
  'demo-exists': 'You already have a demo engagement: here it is. If you asked for it only a moment ago, it may still be filling in; reload the page in a few seconds.',
  erased: 'The person was erased: their answers, tasks and links are gone; the counts keep them anonymously.',
  'not-on-roster': 'That person is no longer on the roster (already erased, perhaps by an earlier click), so there was nothing left to erase.',
};

/** `GET /consultant/engagements/:engagementId`: completion, roster, milestones, exports and what to do next. */
export function engagementPage(deps: ConsultantPagesDeps): Router {
  const router = Router();
  router.get('/consultant/engagements/:engagementId', deps.auth.requireConsultant, async (req, res) => {
    const engagement = await ownEngagement(deps, req, res);
    await renderOverview(deps, req, res, engagement, { notice: noticeFor(req, NOTICES) });
  });
  return router;
}

/** The overview, also re-rendered by the roster forms with their problems or the links they issued. */
export async function renderOverview(deps: ConsultantPagesDeps, req: Request, res: Response, engagement: Engagement, extras: OverviewExtras = {}): Promise<void> {
  const consultantId = consultantIdOf(res);
  const [{ status, roster }, shortlist, curricula] = await Promise.all([
    deps.engagements.getRosterAndStatus(consultantId, engagement.id),
    latestShortlist(deps, consultantId, engagement.id),
    deps.curriculum.listVersions(consultantId, engagement.id),
  ]);
  const { errors, fieldErrors } = presentProblems(extras.problems ?? []);
  const names = new Map(roster.map((p) => [p.email, p.name]));
  const filter = readRosterFilter(req.query, { departments: engagement.departments, stages: Object.keys(STAGE_LABELS) });
  const shown = pageRoster(roster, filter);
  const moduleTitles = engagement.moduleIds.map((id) => deps.library.find(id)?.title ?? `${id} (no longer in the library)`);
  renderEngagementPage(deps, req, res, { view: 'consultant/engagement', tab: 'overview', heading: engagement.name, engagement, status: extras.status }, {
    notice: extras.notice,
    warnings: extras.warnings,
    errors,
    fieldErrors,
    links: extras.links,
    engagement,
    basePath: engagementPath(engagement.id),
    status: statusTable(status),
    next: nextSteps(engagement, status.totals.submitted, shortlist, curricula[0]),
    library: moduleTitles.length > 0 ? moduleTitles : undefined,
    libraryCount: deps.library.modules.length,
    milestones: [...engagement.milestones].sort((a, b) => (a.goLive < b.goLive ? -1 : 1)),
    roster: rosterView(engagement, filter, shown),
    people: shown.people.map((p) => ({
      ...p,
      roleLabel: ROLE_LEVEL_LABELS[p.roleLevel],
      stageLabel: STAGE_LABELS[p.stage],
      managerName: p.managerEmail ? (names.get(p.managerEmail) ?? p.managerEmail) : '',
      erasePath: engagementPath(engagement.id, `/people/${p.id}/erase`),
      linkPath: engagementPath(engagement.id, `/people/${p.id}/link`),
    })),
    person: extras.person ?? { name: '', email: '', department: engagement.departments[0] ?? '', roleLevel: 'contributor', managerEmail: '' },
    departmentOptions: engagement.departments,
    roleOptions: ROLE_LEVELS.map((level) => ({ value: level, label: ROLE_LEVEL_LABELS[level] })),
    // Suggestions for "Manager's e-mail": people who already manage others or hold a manager's or
    // leader's role (anyone can still be typed); all 5,000 addresses of a large roster would not help.
    managerEmails: roster.filter((p) => p.isManager || p.roleLevel !== 'contributor').map((p) => p.email),
    exports: {
      json: `/api/v1/engagements/${engagement.id}/export?format=json`,
      // Downloaded from a page means opened in a spreadsheet, which needs the byte-order mark for accents.
      answers: `/api/v1/engagements/${engagement.id}/export?format=csv&part=answers&bom=true`,
      tasks: `/api/v1/engagements/${engagement.id}/export?format=csv&part=tasks&bom=true`,
    },
  });
}

/** The roster's filter form, what it matched, and the links to the pages around this one (keeping the filter). */
function rosterView(engagement: Engagement, filter: RosterFilter, shown: RosterPage<unknown>) {
  const pageLink = (page: number) => {
    const query = new URLSearchParams();
    if (filter.text) query.set('q', filter.text);
    if (filter.department) query.set('department', filter.department);
    if (filter.stage) query.set('stage', filter.stage);
    if (page > 1) query.set('page', String(page));
    const search = query.toString();
    return `${engagementPath(engagement.id)}${search ? `?${search}` : ''}#people-heading`;
  };
  const { people: _shownPeople, ...counts } = shown;
  return {
    filter,
    departmentOptions: engagement.departments.map((d) => ({ value: d, label: d, isSelected: d === filter.department })),
    stageOptions: Object.entries(STAGE_LABELS).map(([value, label]) => ({ value, label, isSelected: value === filter.stage })),
    ...counts,
    isPaged: shown.pageCount > 1,
    previousPath: shown.page > 1 ? pageLink(shown.page - 1) : undefined,
    nextPath: shown.page < shown.pageCount ? pageLink(shown.page + 1) : undefined,
    clearPath: `${engagementPath(engagement.id)}#people-heading`,
  };
}

async function latestShortlist(deps: ConsultantPagesDeps, consultantId: string, engagementId: string): Promise<ShortlistView | undefined> {
  try {
    return await deps.shortlist.getShortlist(consultantId, engagementId);
  } catch (error) {
    if (error instanceof NotFoundError && error.code === 'shortlist-not-found') return undefined;
    throw error;
  }
}

/** The engagement's state in three steps, each with where to go next. */
function nextSteps(engagement: Engagement, submitted: number, shortlist: ShortlistView | undefined, curriculum: { version: number; status: string } | undefined) {
  return [
    { label: 'Intakes', text: submitted === 0 ? 'None submitted yet.' : `${submitted} submitted.`, isDone: submitted > 0 },
    {
      label: 'Shortlist',
      text: !shortlist ? 'Not computed yet.' : `Version ${shortlist.version}, ${shortlist.status === 'approved' ? 'approved' : 'in review'}.`,
      href: engagementPath(engagement.id, '/shortlist'),
      isDone: shortlist?.status === 'approved',
    },
    {
      label: 'Curriculum',
      text: !curriculum ? 'Not generated yet.' : `Version ${curriculum.version}, ${curriculum.status === 'published' ? 'published' : 'draft'}.`,
      href: engagementPath(engagement.id, '/curriculum'),
      isDone: curriculum?.status === 'published',
    },
  ];
}
