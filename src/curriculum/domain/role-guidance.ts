import type { RoleLevel } from './schedule/schedule-input.ts';

/** One responsibility: a short headline and what it means in practice. */
export interface Responsibility {
  title: string;
  detail: string;
}

/**
 * What good AI use looks like at each role level. Contributors own what they produce with AI;
 * managers own the conditions their team works in; leaders own the policy, the risk and the
 * evidence that it works. Written for the participant, in the second person.
 */
export const ROLE_RESPONSIBILITIES: Readonly<Record<RoleLevel, readonly Responsibility[]>> = {
  contributor: [
    { title: 'You stay the author', detail: 'Check every figure, name, date and claim in AI output against the source before it goes anywhere. If you would not sign it without the assistant, do not sign it with it.' },
    { title: 'Forbidden data never goes in', detail: 'Do not paste the kinds of data listed in your guardrails into any AI tool, not even "just to try", and use only the tools your organisation has approved.' },
    { title: 'Say where AI helped', detail: 'Tell whoever reviews your work which parts were drafted or checked with AI, so they know what to look at.' },
    { title: 'Practise on your real work', detail: 'Bring the documents, e-mails and spreadsheets you actually handle to the sessions and try each technique on next week\'s work, not on examples.' },
    { title: 'Report what goes wrong', detail: 'A wrong answer that nearly went out, a near-miss with data, a task where AI slows you down: tell your manager, so the rules and the training get better.' },
  ],
  manager: [
    { title: 'Set the approval rules', detail: 'Decide which AI-assisted work needs whose review before it leaves the team, write it down, and make sure everyone knows it.' },
    { title: 'Review AI-assisted work like any draft', detail: 'Spot-check sources and figures, ask how the output was checked, and send back work that cannot show it.' },
    { title: 'Protect time to practise', detail: 'Give people an hour or two a week around the sessions to try the techniques on real work; without it the training fades within weeks.' },
    { title: 'Make it safe to speak up', detail: 'Take worries about jobs and mistakes seriously, be clear about how time saved will be used, and treat a reported near-miss as useful, not as a failure.' },
    { title: 'Track the measures', detail: 'Record the team\'s measures below before the first session and again after 30 and 90 days, and share what worked with the other teams.' },
  ],
  leader: [
    { title: 'Set the policy', detail: 'Decide which AI tools are approved, which data may never go into them, and who signs off a new use of AI in your area.' },
    { title: 'Decide the risk appetite', detail: 'Say where AI may draft, where a person must decide, and which work needs a specialist\'s approval (legal, compliance, security, finance).' },
    { title: 'Fund the change, not only the workshop', detail: 'Tool access, time to practise, and the office hours and reinforcement sessions after go-live are what make the training stick.' },
    { title: 'Measure outcomes, not activity', detail: 'Agree the measures below with your managers, review them at 30 and 90 days, and stop or change what does not move them.' },
    { title: 'Be open about what AI means for roles', detail: 'People learn when they are not afraid: say plainly what will change in their jobs, and what will not.' },
  ],
};

/** The label a role level is shown with. */
export const ROLE_LABELS: Readonly<Record<RoleLevel, string>> = {
  contributor: 'individual contributor',
  manager: 'manager',
  leader: 'leader',
};
