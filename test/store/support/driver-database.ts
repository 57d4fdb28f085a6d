import { MongoClient, type Db } from 'mongodb';
import { useTestDatabase } from '../../support/database.ts';

/**
 * Any document: conformance tests store many shapes, including non-ObjectId `_id`s, which the
 * driver's generic typing of `Collection<Document>` rejects.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = any;

/**
 * A test database (see useTestDatabase) reached through the official driver directly, for
 * the conformance suite: `db` and `client` are the driver's own objects.
 */
export function useDriverDatabase(prefix: string): { readonly db: Db; readonly client: MongoClient } {
  const database = useTestDatabase(prefix);
  let client: MongoClient | undefined;
  before(async () => {
    client = await new MongoClient(database.uri, { serverSelectionTimeoutMS: 5000 }).connect();
  });
  after(async () => {
    await client?.close();
  });
  return {
    get db() {
      return client!.db();
    },
    get client() {
      return client!;
    },
  };
}
