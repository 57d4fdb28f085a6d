import { expect } from 'chai';
import { generateToken, hashToken, isSameSecret, looksLikeToken } from '../../../src/access/token-secrets.ts';

describe('token secrets', () => {
  it('when a token is generated, then it carries at least 128 random bits as base64url and differs every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateToken));

    expect(tokens.size).to.equal(200);
    for (const token of tokens) {
      expect(token).to.match(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).to.be.at.least(128);
    }
  });

  it('when a token is hashed, then the stored form is a sha256 that does not contain the token', () => {
    const token = generateToken();

    const hash = hashToken(token);

    expect(hash).to.match(/^[0-9a-f]{64}$/);
    expect(hash).to.not.contain(token);
    expect(hashToken(token)).to.equal(hash);
  });

  it('when secrets are compared or screened, then only equal ones match and odd strings are refused before any lookup', () => {
    expect(isSameSecret('a-long-administrator-token-1', 'a-long-administrator-token-1')).to.equal(true);
    expect(isSameSecret('a-long-administrator-token-1', 'a-long-administrator-token-2')).to.equal(false);
    expect(looksLikeToken(generateToken())).to.equal(true);
    expect(looksLikeToken('{"$gt":""}')).to.equal(false);
  });
});
