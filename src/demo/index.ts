/** demo: a sample engagement a newcomer can create in one click and remove in one click. */
import type { Engagement } from '../engagements/index.ts';
import { createDemoEngagement } from './create-demo.ts';
import type { DemoContext } from './demo-context.ts';
import { removeDemoEngagement } from './remove-demo.ts';

export type { DemoContext as DemoDeps } from './demo-context.ts';
/** The sample client, roster and go-lives (tests read them to check what the demo shows). */
export { DEMO_ENGAGEMENT, DEMO_PEOPLE, DEMO_MILESTONES } from './demo-people.ts';

/** What the consultant pages call. */
export interface DemoComponent {
  /**
   * Creates the demo engagement through the real use cases; its mail is withheld, its people have `.invalid` addresses.
   * A consultant has at most one: another is 409 `demo-exists` with the existing demo's `engagementId`, before anything is made.
   */
  createDemoEngagement(consultantId: string): Promise<Engagement>;
  /** Removes a demo engagement with everything of it; 404 for anyone else's engagement or one that is not a demo. */
  removeDemoEngagement(consultantId: string, engagementId: string): Promise<void>;
}

export function createDemo(deps: DemoContext): DemoComponent {
  const ctx = { ...deps, logger: deps.logger.child({ component: 'demo' }) };
  return {
    createDemoEngagement: (consultantId) => createDemoEngagement(ctx, consultantId),
    removeDemoEngagement: (consultantId, engagementId) => removeDemoEngagement(ctx, consultantId, engagementId),
  };
}
