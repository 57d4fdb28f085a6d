import { expect } from 'chai';
import { loadConfig } from '../../../src/platform/config.ts';

const withEnv = (env: Record<string, string>) => loadConfig({ TAILOR_DATA_DIR: '/tmp/tailor-config-test', ...env });

function refusal(env: Record<string, string>): string {
  try {
    withEnv(env);
  } catch (error) {
    return [(error as Error).message, ...((error as { problems?: string[] }).problems ?? [])].join('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('configuration from the environment', () => {
  it('when TRUST_PROXY is unset, false, true, a hop count or a list of proxies, then Express gets the matching setting', () => {
    const trustProxy = (value?: string) => withEnv(value === undefined ? {} : { TRUST_PROXY: value }).http.trustProxy;

    expect(trustProxy()).to.equal(false);
    expect(trustProxy('false')).to.equal(false);
    expect(trustProxy('0')).to.equal(false);
    expect(trustProxy('true')).to.equal(true);
    expect(trustProxy('1')).to.equal(1);
    expect(trustProxy('2')).to.equal(2);
    expect(trustProxy('loopback, 10.0.0.0/8,fd00::/8, 192.168.1.7')).to.deep.equal(['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.7']);
  });

  it('when TRUST_PROXY is none of those, then the start is refused naming the variable and the value', () => {
    for (const value of ['maybe', '10.0.0.0/40', 'proxy.example.com', '11']) {
      expect(refusal({ TRUST_PROXY: value }), value).to.contain('TRUST_PROXY').and.to.contain(value);
    }
  });

  it('when several variables are wrong, then every problem is reported at once', () => {
    const message = refusal({ PORT: 'eighty', TRUST_PROXY: 'maybe', INVITE_TTL_DAYS: '0' });

    expect(message).to.contain('PORT').and.to.contain('TRUST_PROXY').and.to.contain('INVITE_TTL_DAYS');
  });
});
