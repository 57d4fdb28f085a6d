import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import '../../src/platform/db.ts';
import { testServerUri } from './root-hooks.ts';

/**
 * A database of its own for one test file: `const db = useTestDatabase();` at the top of a
 * `describe`, then `db.connection` inside tests. It is dropped after the file.
 */
export function useTestDatabase(prefix = 'test'): { readonly connection: Connection; readonly uri: string } {
  const holder: { connection?: Connection; uri?: string } = {};
  before(async () => {
    const name = `${prefix}_${randomBytes(4).toString('hex')}`.replace(/[^a-zA-Z0-9_]/g, '_');
    holder.uri = `${testServerUri()}/${name}`;
    holder.connection = await mongoose.createConnection(holder.uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  });
  after(async () => {
    if (!holder.connection) return;
    await holder.connection.dropDatabase();
    await holder.connection.close();
  });
  return {
    get connection() {
      if (!holder.connection) throw new Error('useTestDatabase: used outside a test');
      return holder.connection;
    },
    get uri() {
      if (!holder.uri) throw new Error('useTestDatabase: used outside a test');
      return holder.uri;
    },
  };
}
