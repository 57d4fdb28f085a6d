/** Different role levels carry different responsibilities for AI use, oversight and risk. */
export type RoleLevel = 'contributor' | 'manager' | 'leader';
export const ROLE_LEVELS: readonly RoleLevel[] = ['contributor', 'manager', 'leader'];

/** A rollout milestone: when a department's workflow changes (`goLive` an ISO date). */
export interface Milestone {
  department: string;
  workflow: string;
  goLive: string;
}

export interface Engagement {
  id: string;
  consultantId: string;
  name: string;
  client: string;
  departments: string[];
  timeZone: string;
  moduleIds: string[];
  milestones: Milestone[];
  /** Sample data (the consultant home's demo): badged everywhere, removable in one click, its mail withheld. */
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Someone on an engagement's roster. `managerEmail` names their direct manager. */
export interface Person {
  id: string;
  engagementId: string;
  name: string;
  email: string;
  department: string;
  roleLevel: RoleLevel;
  managerEmail?: string;
  invitedAt: string;
}

/** How far a person has got, as running totals count it. */
export type Stage = 'invited' | 'started' | 'submitted' | 'confirmed';
export const STAGES: readonly Stage[] = ['invited', 'started', 'submitted', 'confirmed'];

/** An erased person: nothing left but what the counts need. */
export interface ErasedPerson {
  id: string;
  department: string;
  roleLevel: RoleLevel;
  stage: Stage;
}
