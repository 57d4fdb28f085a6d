import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { resolveSiteSecret } from '../../../src/web/site-secret.ts';
import { StartupError } from '../../../src/platform/errors.ts';

describe('resolveSiteSecret', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-secret-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when TAILOR_SECRET is set, then it is used and nothing is written', () => {
    const secret = resolveSiteSecret('s'.repeat(40), dataDir);

    expect(secret).to.equal('s'.repeat(40));
    expect(fs.readdirSync(dataDir)).to.deep.equal([]);
  });

  it('when no secret is configured, then one is generated once into the data directory and every later start reads the same', () => {
    const first = resolveSiteSecret(undefined, path.join(dataDir, 'nested'));
    const second = resolveSiteSecret(undefined, path.join(dataDir, 'nested'));

    expect(first).to.have.length.greaterThanOrEqual(32);
    expect(second).to.equal(first);
    expect(fs.readdirSync(path.join(dataDir, 'nested'))).to.deep.equal(['web-secret']);
    expect(fs.statSync(path.join(dataDir, 'nested', 'web-secret')).mode & 0o077).to.equal(0);
  });

  it('when the secret file has been emptied, then the start fails naming the file', () => {
    fs.writeFileSync(path.join(dataDir, 'web-secret'), '\n');

    expect(() => resolveSiteSecret(undefined, dataDir)).to.throw(StartupError, /web-secret.*TAILOR_SECRET/);
  });
});
