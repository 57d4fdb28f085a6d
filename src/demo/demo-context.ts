import type { Connection } from 'mongoose';
import type { AccessComponent } from '../access/index.ts';
import type { CurriculumComponent } from '../curriculum/index.ts';
import type { EngagementsComponent } from '../engagements/index.ts';
import type { IntakeComponent } from '../intake/index.ts';
import type { Mail } from '../mail/index.ts';
import type { Logger } from '../platform/logger.ts';
import type { SchemaRegistry } from '../platform/validation.ts';
import type { ShortlistComponent } from '../shortlist/index.ts';

/** What the demo's use cases work with: the other components' own use cases, never their collections. */
export interface DemoContext {
  connection: Connection;
  schemas: SchemaRegistry;
  engagements: EngagementsComponent;
  intake: IntakeComponent;
  shortlist: ShortlistComponent;
  curriculum: CurriculumComponent;
  access: Pick<AccessComponent, 'deleteEngagementCredentials'>;
  mail: Pick<Mail, 'deleteOutbox'>;
  now: () => Date;
  logger: Logger;
}
