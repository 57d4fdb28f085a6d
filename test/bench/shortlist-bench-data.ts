/**
 * The shortlist benchmark's engagement: 5,000 people × 8 tasks in seven departments, written straight
 * into the store (the API would take minutes to fill). Records are shaped as the intake writes them
 * (task rows with pain points, tools and data kinds; intakes holding every answer of the participant
 * bank, task list included), so reading them costs what it would in production. Deterministic: every
 * run measures the same engagement.
 */
import mongoose, { Types } from 'mongoose';
import type { TasksWritten } from '../../src/intake/index.ts';
import type { TrainingModule } from '../../src/library/index.ts';

export const PEOPLE = 5000;
const TASKS_PER_PERSON = 8;
export const DEPARTMENTS = ['Finance', 'Human Resources', 'Operations', 'Customer Service', 'Marketing & Sales', 'Engineering', 'Facilities'];
const ROLE_LEVELS = ['contributor', 'contributor', 'contributor', 'manager', 'leader'] as const;
const CONTEXTS = ['for the regional team', 'every Monday', 'before the monthly close', 'for key accounts', 'in the shared drive', 'with the new system', 'for the leadership meeting', 'when a request comes in'];
const CHORES = ['water the office plants', 'book travel for visiting staff', 'order coffee for the kitchen', 'organise the summer party', 'sort the post', 'renew parking permits'];
const PAINS = [
  'Copying figures between two systems by hand, then checking them again when someone spots a difference.',
  'Chasing colleagues for missing information; half of the requests come back incomplete the first time.',
  'Rework after review because the template changed and nobody told us.',
  'Unclear inputs: every request arrives in a different format and has to be retyped.',
];
const TOOLS = ['Excel, Outlook', 'SAP, Excel', 'Salesforce', 'Jira, Confluence', 'the shared drive', 'Workday, Excel'];
const FREQUENCIES = ['daily', 'several-times-a-week', 'weekly', 'monthly'];
const DATA_KINDS = [['internal'], ['internal', 'confidential'], ['personal'], ['public', 'internal']];

/** A deterministic generator, so every run measures the same engagement. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export const EXTRA_MODULE: TrainingModule = {
  id: 'facilities-requests', title: 'Facilities requests and office services', department: 'Facilities',
  summary: 'Triaging facilities requests, booking rooms and travel, and answering office questions with AI help.',
  tasks: ['triaging facilities requests', 'booking meeting rooms and travel', 'answering questions about the office'], durationMinutes: 60,
};

/** Answers besides the task list, as long as people write them (the intake stores them all in one document). */
function otherAnswers(next: () => number, p: number): Record<string, unknown> {
  const scale = () => 1 + Math.floor(next() * 5);
  return {
    jobTitle: `Specialist ${p}`,
    responsibilities: 'I look after the monthly reporting pack, answer questions from the regional teams and keep the shared trackers up to date so that managers can see where things stand.',
    timeInRole: '1-3-years', reviewOfWork: 'manager', teamSize: 6,
    decisionsOwned: 'Which requests are urgent, and when a report is ready to go out.',
    aiUseFrequency: 'tried', aiTools: ['chat-assistant'], aiUseExamples: 'Summarising long e-mail threads before a meeting, and a first draft of routine replies.',
    aiBarriers: ['no-time', 'distrust'], aiPolicyAwareness: 'heard-of-them', aiAccountability: 'the-author',
    measures: ['cycle-time', 'error-rate'], measureToImprove: 'The time from a request coming in to the answer going out.',
    concernJobDisplacement: scale(), comfortNewTechnology: scale(), trustAiOutput: scale(), complianceWorries: scale(),
    concernsComment: 'I worry about sending something wrong to a client without noticing.',
    learningFormats: ['practice-on-own-work', 'workshop-online'], preferredTimes: ['late-morning'], hoursPerMonthForLearning: 4,
  };
}

export interface SeededEngagement {
  taskCount: number;
  distinctTexts: number;
  /** Each person's submission as intake announces it once committed. */
  arrivals: TasksWritten[];
}

/** People with departments and role levels, intakes with every answer, and task records in every review state. */
export async function seedEngagement(connection: mongoose.Connection, engagementId: Types.ObjectId, library: readonly TrainingModule[]): Promise<SeededEngagement> {
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const now = new Date();
  const reviewer = new Types.ObjectId();
  const people = [];
  const intakes = [];
  const tasks = [];
  const texts = new Set<string>();
  const arrivals: TasksWritten[] = [];
  for (let p = 0; p < PEOPLE; p += 1) {
    const _id = new Types.ObjectId();
    const department = DEPARTMENTS[p % DEPARTMENTS.length];
    people.push({ _id, engagementId, name: `Person ${p}`, email: `person${p}@bench.test`, department, roleLevel: pick(ROLE_LEVELS), invitedAt: now, createdAt: now, updatedAt: now });
    const reviewed = next() < 0.75;
    const ownModules = library.filter((m) => m.department === department);
    const rows = [];
    for (let row = 0; row < TASKS_PER_PERSON; row += 1) {
      const isChore = next() < 0.15;
      const base = isChore ? pick(CHORES) : pick(pick(ownModules.length && next() < 0.8 ? ownModules : library).tasks);
      const text = `${base.charAt(0).toUpperCase()}${base.slice(1)} ${pick(CONTEXTS)} (ref ${p}-${row})`;
      texts.add(text);
      const status = !reviewed ? 'submitted' : next() < 0.1 ? 'rejected' : 'confirmed';
      const fields = { description: text, hoursPerWeek: Math.round(next() * 80) / 10, frequency: pick(FREQUENCIES), painPoints: pick(PAINS), dataSensitivity: pick(DATA_KINDS), tools: pick(TOOLS) };
      rows.push(fields);
      const { description: _d, ...rest } = fields;
      tasks.push({
        engagementId, personId: _id, source: 'participant', row, text, ...rest, status,
        ...(status === 'confirmed' ? { priority: 1 + Math.floor(next() * 5) } : {}),
        ...(reviewed ? { reviewedBy: reviewer, reviewedAt: now } : {}),
        createdAt: now, updatedAt: now,
      });
    }
    arrivals.push({ engagementId: engagementId.toHexString(), department, roleLevel: people[p].roleLevel, texts: rows.map((row) => row.description) });
    intakes.push({
      engagementId, personId: _id, status: reviewed ? 'confirmed' : 'submitted', version: 2, bankId: 'participant', bankVersion: 1, bankParts: [],
      answers: { ...otherAnswers(next, p), tasks: rows }, submittedAt: now, createdAt: now, updatedAt: now,
    });
  }
  await connection.collection('people').insertMany(people);
  for (let i = 0; i < intakes.length; i += 1000) await connection.collection('intakes').insertMany(intakes.slice(i, i + 1000));
  for (let i = 0; i < tasks.length; i += 5000) await connection.collection('tasks').insertMany(tasks.slice(i, i + 5000));
  return { taskCount: tasks.length, distinctTexts: texts.size, arrivals };
}

/**
 * What happens between two computations in a live engagement: managers review a few people (one task in
 * ten of theirs reworded, one rejected, the rest confirmed with a priority) and a few people amend their
 * intake (every task rewritten with new words). Returns how many task records changed.
 */
export async function changeSomeTasks(connection: mongoose.Connection, engagementId: Types.ObjectId, people: number): Promise<number> {
  const tasks = connection.collection('tasks');
  const next = random(11);
  const submitted = await tasks.find({ engagementId, status: 'submitted' }, { projection: { personId: 1 } }).limit(people * 8).toArray();
  const personIds = [...new Set(submitted.map((t) => String(t.personId)))].slice(0, people).map((id) => new Types.ObjectId(id));
  let changed = 0;
  for (const [i, personId] of personIds.entries()) {
    const own = await tasks.find({ personId }).toArray();
    for (const [k, task] of own.entries()) {
      const isAmended = i % 2 === 1;
      const set = isAmended || k === 0
        ? { text: `${String(task.text)} and the follow-up checks`, originalText: task.text, status: 'confirmed', priority: 1 + Math.floor(next() * 5) }
        : k === 1 ? { status: 'rejected' } : { status: 'confirmed', priority: 1 + Math.floor(next() * 5) };
      await tasks.updateOne({ _id: task._id }, { $set: { ...set, updatedAt: new Date() } });
      changed += 1;
    }
  }
  return changed;
}
