import { expect } from 'chai';
import { silentLogger } from '../../../src/platform/logger.ts';
import { openDatabase } from '../../../src/platform/db.ts';
import { testServerUri } from '../../support/root-hooks.ts';

describe('openDatabase: the connection is made once the service is ready to answer it', () => {
  it('when loading the catalogues holds the thread longer than server selection may take, then connecting still succeeds', async function () {
    this.timeout(20_000);
    const opening = openDatabase({ uri: `${testServerUri()}/open_database`, dataDir: '/nonexistent' }, silentLogger);

    // Longer than the driver's 5 s server selection: what a large module library's index can take.
    const until = Date.now() + 5_500;
    while (Date.now() < until) {
      /* the catalogues loading, synchronously */
    }
    const database = await opening.connect();
    const pong = await database.connection.db!.command({ ping: 1 });
    await database.close();

    expect(pong.ok).to.equal(1);
  });
});
