import { expect } from 'chai';
import { Schema, Types, type Connection } from 'mongoose';
import { useTestDatabase } from '../../support/database.ts';

interface Member {
  email: string;
  name?: string;
  visits: number;
  team?: Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
}

const memberSchema = new Schema<Member>({ email: { type: String, required: true, unique: true }, name: String, visits: { type: Number, default: 0 }, team: { type: Schema.Types.ObjectId, ref: 'Team' } }, { timestamps: true });
const teamSchema = new Schema({ title: String });

function models(connection: Connection) {
  const Member = connection.models.Member ?? connection.model('Member', memberSchema);
  const Team = connection.models.Team ?? connection.model('Team', teamSchema);
  return { Member, Team };
}

describe('store conformance: mongoose models', () => {
  const database = useTestDatabase('mongoose');

  before(async () => {
    const { Member, Team } = models(database.connection);
    await Promise.all([Member.init(), Team.init()]);
  });

  it('when a model is created and read back by id, then the lean document has its defaults and timestamps', async () => {
    const { Member } = models(database.connection);

    const created = await Member.create({ email: 'ada@example.org' });
    const found = await Member.findById(created._id).lean<Member>();

    expect(found!.email).to.equal('ada@example.org');
    expect(found!.visits).to.equal(0);
    expect(found!.createdAt).to.be.instanceOf(Date);
  });

  it('when the unique email is reused, then mongoose raises the driver duplicate key error', async () => {
    const { Member } = models(database.connection);
    await Member.create({ email: 'dup@example.org' });

    const error = (await Member.create({ email: 'dup@example.org' }).catch((e: unknown) => e)) as { code: number; keyValue: unknown };

    expect(error.code).to.equal(11000);
    expect(error.keyValue).to.deep.equal({ email: 'dup@example.org' });
  });

  it('when findOneAndUpdate and updateOne with upsert run, then timestamps and $setOnInsert behave', async () => {
    const { Member } = models(database.connection);

    const upserted = await Member.updateOne({ email: 'new@example.org' }, { $set: { name: 'New' } }, { upsert: true });
    const updated = await Member.findOneAndUpdate({ email: 'new@example.org' }, { $inc: { visits: 2 } }, { returnDocument: 'after' }).lean<Member>();

    expect(upserted.upsertedCount).to.equal(1);
    expect(updated!.name).to.equal('New');
    expect(updated!.visits).to.equal(2);
    expect(updated!.createdAt).to.be.instanceOf(Date);
    expect(updated!.updatedAt!.getTime()).to.be.at.least(updated!.createdAt!.getTime());
  });

  it('when members are aggregated with $lookup on their team, then each carries the team title', async () => {
    const { Member, Team } = models(database.connection);
    const team = await Team.create({ title: 'Finance' });
    await Member.create([{ email: 'f1@example.org', team: team._id }, { email: 'f2@example.org', team: team._id }]);

    const rows = await Member.aggregate<{ _id: string; n: number }>([
      { $match: { team: team._id } },
      { $lookup: { from: 'teams', localField: 'team', foreignField: '_id', as: 't' } },
      { $unwind: '$t' },
      { $group: { _id: '$t.title', n: { $sum: 1 } } },
    ]);
    const populated = (await Member.findOne({ email: 'f1@example.org' }).populate('team').lean()) as unknown as { team: { title: string } } | null;

    expect(rows).to.deep.equal([{ _id: 'Finance', n: 2 }]);
    expect(populated!.team.title).to.equal('Finance');
  });

  it('when connection.transaction() throws, then nothing it wrote remains', async () => {
    const { Member } = models(database.connection);

    const error = await database.connection
      .transaction(async (session) => {
        await Member.create([{ email: 'tx1@example.org' }], { session });
        throw new Error('changed my mind');
      })
      .catch((e: unknown) => e);

    expect((error as Error).message).to.equal('changed my mind');
    expect(await Member.countDocuments({ email: 'tx1@example.org' })).to.equal(0);
  });

  it('when connection.transaction() completes, then its writes are visible', async () => {
    const { Member } = models(database.connection);

    await database.connection.transaction(async (session) => {
      await Member.create([{ email: 'tx2@example.org' }], { session });
      await Member.updateOne({ email: 'tx2@example.org' }, { $set: { name: 'Committed' } }, { session });
    });

    expect((await Member.findOne({ email: 'tx2@example.org' }).lean<Member>())!.name).to.equal('Committed');
  });
});
