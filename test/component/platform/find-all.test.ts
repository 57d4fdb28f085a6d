import { expect } from 'chai';
import { mongo, Schema, type Model } from 'mongoose';
import { findAll } from '../../../src/platform/find-all.ts';
import { useTestDatabase } from '../../support/database.ts';

interface Note {
  _id: number;
  owner: string;
  text: string;
  secret: string;
}

describe('findAll: every matching document, in one reply or through the cursor', () => {
  const db = useTestDatabase('find_all');
  let Notes: Model<Note>;

  before(async () => {
    Notes = db.connection.model<Note>('Note', new Schema<Note>({ _id: Number, owner: String, text: String, secret: String }), 'notes');
    await Notes.collection.insertMany(Array.from({ length: 7 }, (_, i) => ({ _id: i + 1, owner: i % 2 === 0 ? 'ann' : 'bob', text: `note ${i + 1}`, secret: 'x' })) as never);
  });

  it('when the matches fit in one reply, then they come back projected and in the order asked', async () => {
    const notes = await findAll<Pick<Note, '_id' | 'text'>>(Notes, { owner: 'bob' }, { projection: { text: 1 }, sort: { _id: 1 } });

    expect(notes).to.deep.equal([{ _id: 2, text: 'note 2' }, { _id: 4, text: 'note 4' }, { _id: 6, text: 'note 6' }]);
  });

  it('when the matches do not fit in one reply, then every one comes back once, projected and in the order asked', async () => {
    const notes = await findAll<Pick<Note, '_id' | 'text'>>(Notes, { owner: 'ann' }, { projection: { text: 1 }, sort: { _id: -1 }, batchSize: 2 });

    expect(notes).to.deep.equal([{ _id: 7, text: 'note 7' }, { _id: 5, text: 'note 5' }, { _id: 3, text: 'note 3' }, { _id: 1, text: 'note 1' }]);
  });

  it('when nothing matches, then the list is empty', async () => {
    expect(await findAll(Notes, { owner: 'carol' })).to.deep.equal([]);
  });

  it('when the filter is wrong, then the server\'s error is thrown rather than an empty list', async () => {
    const failure = await findAll(Notes, { owner: { $nosuch: 1 } }).catch((error: Error) => error);

    expect(failure).to.be.instanceOf(Error);
    expect((failure as Error).message).to.match(/nosuch/);
  });

  type Database = mongo.Db;
  type CommandOptions = mongo.RunCommandOptions;

  /** Wraps the database's `command` for one test: `first` decides what the first `find` command does. */
  function onFirstFind(database: Database, first: (run: () => Promise<mongo.Document>, options?: CommandOptions) => Promise<mongo.Document>) {
    const original = database.command.bind(database);
    let finds = 0;
    database.command = (async (command: mongo.Document, options?: CommandOptions) => {
      if ('find' in command && ++finds === 1) return first(() => original(command, options), options);
      return original(command, options);
    }) as Database['command'];
    return { restore: () => { database.command = original; } };
  }

  it('when the one-reply read fails as a dropped connection would, then the listing is read again through the driver\'s cursor', async () => {
    const database = db.connection.db!;
    const wrap = onFirstFind(database, async () => { throw new mongo.MongoNetworkError('connection reset by the test'); });
    try {
      const notes = await findAll<Pick<Note, '_id'>>(Notes, { owner: 'bob' }, { projection: { _id: 1 }, sort: { _id: 1 } });

      expect(notes).to.deep.equal([{ _id: 2 }, { _id: 4 }, { _id: 6 }]);
    } finally {
      wrap.restore();
    }
  });

  it('when the one-reply read fails for a reason of its own (a wrong filter), then it is not made again through the cursor', async () => {
    const collection = Notes.collection as unknown as { find: (...args: unknown[]) => unknown };
    const find = collection.find;
    let cursorReads = 0;
    collection.find = (...args: unknown[]) => {
      cursorReads += 1;
      return find.apply(Notes.collection, args);
    };
    try {
      const failure = await findAll(Notes, { owner: { $nosuch: 1 } }).catch((error: Error) => error);

      expect((failure as Error).message).to.match(/nosuch/);
      expect(cursorReads).to.equal(0);
    } finally {
      collection.find = find;
    }
  });
});
