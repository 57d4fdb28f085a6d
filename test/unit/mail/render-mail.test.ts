import { expect } from 'chai';
import { MailTemplates } from '../../../src/mail/domain/mail-templates.ts';
import {
  renderBrief, renderDepartmentComplete, renderInvitation, renderManagerRequest, renderReminder,
} from '../../../src/mail/domain/render-mail.ts';
import {
  buildBriefMail, buildDepartmentCompleteMail, buildEngagementSummary, buildInvitationMail, buildManagerRequestMail, buildReminderMail,
} from '../../support/mail-builders.ts';

const templates = new MailTemplates();
const context = { publicUrl: 'https://tailor.example.org' };

describe('renderInvitation', () => {
  it('when rendered, then both bodies carry the personal link, the length and the expiry date in the engagement time zone', () => {
    const mail = buildInvitationMail({ token: 'tok_Ab-9', expiresAt: new Date('2025-10-31T23:30:00Z'), engagement: buildEngagementSummary({ timeZone: 'Europe/Berlin' }) });

    const rendered = renderInvitation(templates, mail, context);

    for (const body of [rendered.html, rendered.text]) {
      expect(body).to.include('https://tailor.example.org/i/tok_Ab-9');
      expect(body).to.include('about 25 minutes');
      expect(body).to.include('Saturday 1 November 2025'); // 23:30 UTC is already the 1st in Berlin
    }
    expect(rendered.html).to.include('href="https://tailor.example.org/i/tok_Ab-9"');
  });

  it('when the person names no manager (the top of the roster), then neither body says a manager confirms their tasks', () => {
    const withManager = renderInvitation(templates, buildInvitationMail(), context);
    const withoutManager = renderInvitation(templates, buildInvitationMail({ hasManager: false }), context);

    for (const body of [withManager.html, withManager.text]) expect(body).to.contain('Your manager then confirms your task list');
    for (const body of [withoutManager.html, withoutManager.text]) {
      expect(body).not.to.contain('Your manager');
      expect(body).to.contain('The training is then planned from your task list.');
    }
  });

  it('when a name contains markup, then the HTML escapes it and the text keeps it as typed', () => {
    const mail = buildInvitationMail({ recipient: { name: '<script>alert("x")</script>', email: 'a@example.test' }, engagement: buildEngagementSummary({ client: "O'Brien & Co" }) });

    const rendered = renderInvitation(templates, mail, context);

    expect(rendered.html).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(rendered.html).not.to.include('<script>');
    expect(rendered.html).to.include('O&#x27;Brien &amp; Co');
    expect(rendered.text).to.include('Hello <script>alert("x")</script>,');
    expect(rendered.subject).to.equal("O'Brien & Co: your interview for the AI training plan");
  });

  it('when the person is only a manager, then the mail speaks of reviewing reports rather than an own interview', () => {
    const mail = buildInvitationMail({ role: 'manager' });

    const rendered = renderInvitation(templates, mail, context);

    expect(rendered.text).to.include('You will confirm the tasks the people reporting to you describe');
    expect(rendered.text).not.to.include('You will describe your role');
    expect(rendered.html).to.include('Open your review');
  });

  it('when a name holds a line break, then the subject stays one header line', () => {
    const mail = buildInvitationMail({ engagement: buildEngagementSummary({ client: 'Acme\r\nBcc: victim@example.test' }) });

    const rendered = renderInvitation(templates, mail, context);

    expect(rendered.subject).not.to.match(/[\r\n]/);
  });
});

describe('renderReminder', () => {
  it('when a fresh token is given, then the reminder links it; without one, it points to the invitation date', () => {
    const withLink = renderReminder(templates, buildReminderMail({ token: 'tok_new' }), context);
    const withoutLink = renderReminder(templates, buildReminderMail({ token: undefined, invitedAt: new Date('2025-10-01T08:00:00Z') }), context);

    expect(withLink.text).to.include('https://tailor.example.org/i/tok_new');
    expect(withoutLink.text).to.include('invitation e-mail of Wednesday 1 October 2025');
    expect(withoutLink.html).not.to.include('/i/');
  });

  it('when the person has a draft, then the reminder asks them to finish rather than start', () => {
    const rendered = renderReminder(templates, buildReminderMail({ hasDraft: true, token: 't' }), context);

    expect(rendered.subject).to.include('finish your interview');
    expect(rendered.html).to.include('Finish the interview');
  });
});

describe('renderManagerRequest', () => {
  it('when a report submits, then the manager gets their name, the task count and the review link', () => {
    const mail = buildManagerRequestMail({ report: { personId: 'p9', name: 'Ada <b>Lovelace</b>' }, taskCount: 1, reviewPath: '/reviews/p9' });

    const rendered = renderManagerRequest(templates, mail, context);

    expect(rendered.html).to.include('Ada &lt;b&gt;Lovelace&lt;/b&gt; has finished their interview and listed 1 task');
    expect(rendered.text).to.include('Review the tasks: https://tailor.example.org/reviews/p9');
  });

  it('when the review path is not a local path, then rendering refuses it', () => {
    const mail = buildManagerRequestMail({ reviewPath: '//evil.example/x' });

    expect(() => renderManagerRequest(templates, mail, context)).to.throw(/must start with one/);
  });
});

describe('renderDepartmentComplete', () => {
  it('when a department completes, then the consultant reads the department, the count and the status link', () => {
    const mail = buildDepartmentCompleteMail({ department: 'Accounts payable', submittedCount: 6, statusPath: '/consultant/e1' });

    const rendered = renderDepartmentComplete(templates, mail, context);

    expect(rendered.subject).to.include('all intakes of Accounts payable are in');
    expect(rendered.text).to.include('6 intakes submitted');
    expect(rendered.html).to.include('href="https://tailor.example.org/consultant/e1"');
  });
});

describe('renderBrief', () => {
  it('when published, then the brief lists served tasks with modules, good use and sessions in the engagement time zone', () => {
    const mail = buildBriefMail({
      engagement: buildEngagementSummary({ timeZone: 'America/New_York' }),
      sessions: [{ kind: 'training', title: 'AI in spreadsheets', start: new Date('2025-11-04T14:00:00Z'), end: new Date('2025-11-04T15:30:00Z') }],
    });

    const rendered = renderBrief(templates, mail, context);

    expect(rendered.text).to.include('- Reconcile supplier invoices against purchase orders\n  Covered by: AI in spreadsheets');
    expect(rendered.text).to.include('Never paste supplier bank details into an AI tool');
    expect(rendered.text).to.include('Tuesday 4 November 2025, 09:00–10:30: AI in spreadsheets (Training session)');
    expect(rendered.html).to.include('times in America/New_York');
  });

  it('when a task is not covered, then the brief says so plainly', () => {
    const mail = buildBriefMail({ uncoveredTasks: ['Negotiate payment terms by phone'] });

    const rendered = renderBrief(templates, mail, context);

    expect(rendered.text).to.include('Not covered yet. No training module in this programme serves these tasks of yours so far');
    expect(rendered.html).to.include('<li style="margin:0 0 4px;">Negotiate payment terms by phone</li>');
  });

  it('when nothing is covered and no session is planned, then the brief says that instead of showing empty lists', () => {
    const mail = buildBriefMail({ servedTasks: [], sessions: [], uncoveredTasks: ['Everything'] });

    const rendered = renderBrief(templates, mail, context);

    expect(rendered.text).to.include('None of your tasks is covered by this programme yet.');
    expect(rendered.text).to.include('serves your tasks so far');
    expect(rendered.text).to.include('No sessions are scheduled for you yet');
  });

  it('when the date of a session is provisional, then both bodies say it is to be confirmed, and only for that session', () => {
    const firm = { kind: 'training' as const, title: 'Firm', start: new Date('2025-11-04T09:00:00Z'), end: new Date('2025-11-04T10:00:00Z') };
    const provisional = { kind: 'training' as const, title: 'Tentative', start: new Date('2025-11-05T09:00:00Z'), end: new Date('2025-11-05T10:00:00Z'), isProvisional: true };

    const rendered = renderBrief(templates, buildBriefMail({ sessions: [firm, provisional] }), context);

    expect(rendered.text).to.include(': Tentative (Training session, date to be confirmed)');
    expect(rendered.text).to.include(': Firm (Training session)');
    expect(rendered.html).to.include('Training session · date to be confirmed');
    expect(rendered.html.match(/date to be confirmed/g)).to.have.length(1);
  });

  it('when sessions arrive out of order, then they are listed by start time', () => {
    const later = { kind: 'reinforcement' as const, title: 'Later', start: new Date('2026-01-10T09:00:00Z'), end: new Date('2026-01-10T10:00:00Z') };
    const earlier = { kind: 'training' as const, title: 'Earlier', start: new Date('2025-11-04T09:00:00Z'), end: new Date('2025-11-04T10:00:00Z') };

    const rendered = renderBrief(templates, buildBriefMail({ sessions: [later, earlier] }), context);

    expect(rendered.text.indexOf('Earlier')).to.be.lessThan(rendered.text.indexOf('Later'));
  });
});
