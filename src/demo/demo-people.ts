/**
 * The demo's sample client: an outdoor-gear retailer with a finance team and a customer service team.
 * Everything here is invented. Addresses use the `.invalid` top-level domain (RFC 2606), which can
 * never receive mail; the demo's mail is also withheld by the outbox, so nothing leaves either way.
 * Some tasks are written to match the shipped training modules, others are work no module covers
 * (the gaps): the demo shows both.
 */
import type { RoleLevel } from '../engagements/index.ts';

export const DEMO_ENGAGEMENT = {
  name: 'AI readiness programme (demo)',
  client: 'Harbour & Pine Outfitters',
  departments: ['Finance', 'Customer Service'],
  timeZone: 'Europe/London',
};

/** Go-lives in days from today, so the schedule always lies ahead. */
export const DEMO_MILESTONES = [
  { department: 'Finance', workflow: 'Invoice approval in the new accounts payable tool', inDays: 42 },
  { department: 'Finance', workflow: 'Month-end close with variance commentary drafted by AI', inDays: 70 },
  { department: 'Customer Service', workflow: 'Shared inbox triage in the new help desk', inDays: 35 },
  { department: 'Customer Service', workflow: 'Help centre relaunch with the new returns policy', inDays: 63 },
];

export interface DemoTask {
  text: string;
  hoursPerWeek: number;
  frequency: 'daily' | 'several-times-a-week' | 'weekly' | 'monthly';
  painPoints?: string;
  dataSensitivity: Array<'public' | 'internal' | 'confidential' | 'personal'>;
  /** What the manager does with it; managers' own tasks stay unreviewed (nobody above them is on the roster). */
  review?: { decision: 'confirm'; priority: number } | { decision: 'edit'; text: string; priority: number } | { decision: 'reject' };
}

export interface DemoPerson {
  name: string;
  email: string;
  department: string;
  roleLevel: RoleLevel;
  managerEmail?: string;
  jobTitle: string;
  responsibilities: string;
  /** 1–5: worry about their job, comfort with new technology, trust in AI output unchecked, worry about rules. */
  concerns: [number, number, number, number];
  tasks: DemoTask[];
  /** Tasks the manager adds in their review because the report left them out. */
  addedByManager?: Array<{ text: string; hoursPerWeek: number; priority: number }>;
}

const PRIYA = 'priya.raman@harbour-and-pine.invalid';
const LENA = 'lena.fischer@harbour-and-pine.invalid';

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: 'Priya Raman', email: PRIYA, department: 'Finance', roleLevel: 'manager', jobTitle: 'Finance manager',
    responsibilities: 'I run accounts payable and management reporting for our 40 stores and the web shop, and sign off the payment run.',
    concerns: [2, 4, 4, 3],
    tasks: [
      { text: 'Review and approve the weekly supplier payment run', hoursPerWeek: 2, frequency: 'weekly', dataSensitivity: ['confidential'] },
      { text: 'Write the finance commentary for the monthly board report', hoursPerWeek: 4, frequency: 'monthly', painPoints: 'Always written late at night before the board meeting.', dataSensitivity: ['confidential'] },
      { text: 'Forecast cash for the next 13 weeks for the bank covenant review', hoursPerWeek: 3, frequency: 'weekly', dataSensitivity: ['confidential'] },
    ],
  },
  {
    name: 'Tomás Ortega', email: 'tomas.ortega@harbour-and-pine.invalid', department: 'Finance', roleLevel: 'contributor', managerEmail: PRIYA,
    jobTitle: 'Accounts payable clerk', responsibilities: 'I process supplier invoices for the distribution centre and answer suppliers about payments.',
    concerns: [2, 4, 4, 3],
    tasks: [
      { text: 'Match supplier invoices to purchase orders and goods received notes in the ERP', hoursPerWeek: 8, frequency: 'daily', painPoints: 'Partial deliveries make the match fail and I check them line by line.', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 5 } },
      { text: 'Chase suppliers by e-mail when invoice prices do not match the purchase order', hoursPerWeek: 4, frequency: 'several-times-a-week', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 4 } },
      { text: 'Check the invoice inbox for duplicate invoices before the payment run', hoursPerWeek: 2, frequency: 'weekly', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 3 } },
      { text: 'Update supplier bank details after calling the supplier back to verify the change', hoursPerWeek: 1, frequency: 'weekly', painPoints: 'We had two fraud attempts last year.', dataSensitivity: ['confidential'], review: { decision: 'confirm', priority: 4 } },
    ],
  },
  {
    name: 'Samir Haddad', email: 'samir.haddad@harbour-and-pine.invalid', department: 'Finance', roleLevel: 'contributor', managerEmail: PRIYA,
    jobTitle: 'Accounts payable clerk', responsibilities: 'I look after store invoices, utilities and rent, and staff expenses.',
    concerns: [3, 4, 3, 3],
    tasks: [
      { text: 'Code invoices without a purchase order, such as utilities and rent, to the right GL account and cost centre', hoursPerWeek: 4, frequency: 'several-times-a-week', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 4 } },
      { text: 'Answer store managers when they ask when their supplier will be paid', hoursPerWeek: 3, frequency: 'daily', dataSensitivity: ['internal'], review: { decision: 'edit', text: 'Answer store managers and suppliers about when an invoice will be paid', priority: 3 } },
      { text: 'Check staff expense claims and their receipts against the expense policy', hoursPerWeek: 5, frequency: 'weekly', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 3 } },
      { text: 'Organise the team lunch order on Fridays', hoursPerWeek: 1, frequency: 'weekly', dataSensitivity: ['internal'], review: { decision: 'reject' } },
    ],
  },
  {
    name: 'Hannah Becker', email: 'hannah.becker@harbour-and-pine.invalid', department: 'Finance', roleLevel: 'contributor', managerEmail: PRIYA,
    jobTitle: 'Management accountant', responsibilities: 'I prepare the monthly management accounts and the store performance reports.',
    concerns: [2, 4, 4, 3],
    tasks: [
      { text: 'Write the variance commentary for the monthly management accounts', hoursPerWeek: 6, frequency: 'monthly', painPoints: 'Budget holders reply late, so the commentary is rushed.', dataSensitivity: ['confidential'], review: { decision: 'confirm', priority: 5 } },
      { text: 'Chase budget holders for explanations of their overspends', hoursPerWeek: 3, frequency: 'monthly', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 4 } },
      { text: 'Review accruals and prepayments before the month-end close', hoursPerWeek: 2, frequency: 'monthly', dataSensitivity: ['confidential'], review: { decision: 'confirm', priority: 3 } },
      { text: 'Reconcile the intercompany balances with our Irish subsidiary', hoursPerWeek: 3, frequency: 'monthly', dataSensitivity: ['confidential'], review: { decision: 'confirm', priority: 2 } },
    ],
    addedByManager: [{ text: 'Prepare the quarterly VAT return workpapers', hoursPerWeek: 2, priority: 3 }],
  },
  {
    name: 'Lena Fischer', email: LENA, department: 'Customer Service', roleLevel: 'manager', jobTitle: 'Customer service team lead',
    responsibilities: 'I lead nine agents who answer customers by e-mail, chat and phone, and I own our help centre.',
    concerns: [3, 3, 3, 4],
    tasks: [
      { text: 'Build the weekly shift rota for the support team', hoursPerWeek: 3, frequency: 'weekly', dataSensitivity: ['personal'] },
      { text: 'Review a sample of agents\u2019 e-mail replies for quality and tone every week', hoursPerWeek: 3, frequency: 'weekly', dataSensitivity: ['personal'] },
      { text: 'Report weekly contact volumes and response times to the operations director', hoursPerWeek: 2, frequency: 'weekly', dataSensitivity: ['internal'] },
    ],
  },
  {
    name: 'Jonas Weber', email: 'jonas.weber@harbour-and-pine.invalid', department: 'Customer Service', roleLevel: 'contributor', managerEmail: LENA,
    jobTitle: 'Customer service agent', responsibilities: 'I answer customers about orders, deliveries and returns, mostly by e-mail.',
    concerns: [5, 3, 2, 3],
    tasks: [
      { text: 'Answer customer e-mails about late deliveries and order status', hoursPerWeek: 12, frequency: 'daily', painPoints: 'The same question twenty times a day during sales.', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 5 } },
      { text: 'Handle return and refund requests that arrive by e-mail', hoursPerWeek: 6, frequency: 'daily', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 4 } },
      { text: 'Tag tickets in the help desk by contact reason and urgency', hoursPerWeek: 3, frequency: 'daily', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 3 } },
      { text: 'Call back customers whose complaint was escalated to a team lead', hoursPerWeek: 2, frequency: 'several-times-a-week', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 3 } },
    ],
  },
  {
    name: 'Aisha Khan', email: 'aisha.khan@harbour-and-pine.invalid', department: 'Customer Service', roleLevel: 'contributor', managerEmail: LENA,
    jobTitle: 'Customer service agent', responsibilities: 'I handle product complaints and warranty claims, and customers who write in German or French.',
    concerns: [4, 2, 2, 4],
    tasks: [
      { text: 'Write replies to product complaints, for example broken tent zips or leaking jackets', hoursPerWeek: 8, frequency: 'daily', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 5 } },
      { text: 'Reply to customers who write in German or French', hoursPerWeek: 4, frequency: 'several-times-a-week', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 3 } },
      { text: 'Check warranty claims against the proof of purchase and the product\u2019s age', hoursPerWeek: 4, frequency: 'several-times-a-week', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 3 } },
    ],
  },
  {
    name: 'Marco Rossi', email: 'marco.rossi@harbour-and-pine.invalid', department: 'Customer Service', roleLevel: 'contributor', managerEmail: LENA,
    jobTitle: 'Senior customer service agent', responsibilities: 'I keep the help centre and our saved replies up to date and coach new agents.',
    concerns: [4, 3, 3, 3],
    tasks: [
      { text: 'Turn resolved tickets into FAQ entries for the help centre', hoursPerWeek: 4, frequency: 'weekly', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 4 } },
      { text: 'Update help centre articles after a change to the returns policy', hoursPerWeek: 3, frequency: 'monthly', dataSensitivity: ['public'], review: { decision: 'confirm', priority: 5 } },
      { text: 'Write internal troubleshooting guides for new agents', hoursPerWeek: 2, frequency: 'monthly', dataSensitivity: ['internal'], review: { decision: 'confirm', priority: 3 } },
      { text: 'Coach new agents by listening in on their calls', hoursPerWeek: 4, frequency: 'weekly', dataSensitivity: ['personal'], review: { decision: 'confirm', priority: 2 } },
      { text: 'Watch the social media inbox at weekends', hoursPerWeek: 3, frequency: 'weekly', dataSensitivity: ['personal'], review: { decision: 'reject' } },
    ],
  },
];
