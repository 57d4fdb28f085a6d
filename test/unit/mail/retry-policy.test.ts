import { expect } from 'chai';
import {
  backoffDelayMs, decideAfterFailure, describeFailure, isPermanentFailure, maxBackoffDelayMs, type RetryPolicy,
} from '../../../src/mail/domain/retry-policy.ts';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 5_000, leaseMs: 60_000 };
const now = new Date('2025-10-01T08:00:00Z');

describe('backoffDelayMs', () => {
  it('when attempts grow, then the delay doubles within ±20 % and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5].map((attempts) => backoffDelayMs(policy, attempts, 'mail-1'));

    [1_000, 2_000, 4_000, 5_000, 5_000].forEach((expected, i) => {
      expect(delays[i]).to.be.within(expected * 0.8, expected * 1.2);
      expect(delays[i]).to.be.at.most(maxBackoffDelayMs(policy, i + 1));
    });
  });

  it('when asked twice for the same mail and attempt, then the jitter is the same; other mails spread out', () => {
    const again = backoffDelayMs(policy, 2, 'mail-1');
    const others = new Set(['a', 'b', 'c', 'd', 'e'].map((id) => backoffDelayMs(policy, 2, id)));

    expect(again).to.equal(backoffDelayMs(policy, 2, 'mail-1'));
    expect(others.size).to.be.greaterThan(1);
  });
});

describe('decideAfterFailure', () => {
  it('when the connection is refused on an early attempt, then the mail is retried after the backoff', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ECONNECTION' });

    const decision = decideAfterFailure(policy, { id: 'm', attempts: 1 }, error, now);

    expect(decision).to.deep.equal({ retry: true, nextAttemptAt: new Date(now.getTime() + backoffDelayMs(policy, 1, 'm')) });
  });

  it('when the attempts are used up, then the mail is given up', () => {
    const decision = decideAfterFailure(policy, { id: 'm', attempts: 4 }, new Error('timeout'), now);

    expect(decision).to.deep.equal({ retry: false });
  });

  it('when the server refused for good (5xx), then it is given up at once; a 4xx is retried', () => {
    expect(isPermanentFailure({ responseCode: 550, code: 'EENVELOPE' })).to.equal(true);
    expect(isPermanentFailure({ responseCode: 451, code: 'EENVELOPE' })).to.equal(false);
    expect(isPermanentFailure({ code: 'ECONNECTION' })).to.equal(false);
  });

  it('when the server refused the whole connection (greeting, login, our sender) with a 5xx, then it is retried: every mail would get the same answer', () => {
    expect(isPermanentFailure({ responseCode: 535, code: 'EAUTH', command: 'AUTH PLAIN' })).to.equal(false);
    expect(isPermanentFailure({ responseCode: 554, code: 'EPROTOCOL', command: 'CONN' })).to.equal(false);
    expect(isPermanentFailure({ responseCode: 530, code: 'EENVELOPE', command: 'MAIL FROM' })).to.equal(false);
    expect(isPermanentFailure({ responseCode: 550, code: 'EENVELOPE', command: 'RCPT TO' })).to.equal(true);
    expect(isPermanentFailure({ responseCode: 552, code: 'EMESSAGE', command: 'DATA' })).to.equal(true);
  });

  it('when a recipient is refused with a security or policy code (5.7.x: relaying denied, a login required), then it is retried; a mailbox code (5.1.x), or 5.7.x for the message at DATA, is not', () => {
    expect(isPermanentFailure({ responseCode: 554, code: 'EENVELOPE', command: 'RCPT TO', response: '554 5.7.1 <far@example.test>: Relay access denied' })).to.equal(false);
    expect(isPermanentFailure({ responseCode: 530, code: 'EENVELOPE', command: 'RCPT TO', response: '530 5.7.0 Authentication required' })).to.equal(false);
    expect(isPermanentFailure({ responseCode: 550, code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.1 <gone@example.test>: Recipient address rejected: User unknown' })).to.equal(true);
    expect(isPermanentFailure({ responseCode: 550, code: 'EENVELOPE', command: 'RCPT TO', response: '550 Rejected, see 5.7.1 elsewhere' })).to.equal(true);
    expect(isPermanentFailure({ responseCode: 554, code: 'EMESSAGE', command: 'DATA', response: '554 5.7.1 Message rejected as spam' })).to.equal(true);
    expect(isPermanentFailure({ responseCode: 554, code: 'EENVELOPE', command: 'RCPT TO', response: '554-5.7.1 Relay access denied\n554 5.7.1 See the policy page' })).to.equal(false);
  });
});

describe('describeFailure', () => {
  it('when an SMTP error carries a reply, then the description has the code and the reply on one line', () => {
    const quoted = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 No such\nuser"), {
      code: 'EENVELOPE', response: '550 No such\nuser', responseCode: 550,
    });
    const unquoted = Object.assign(new Error('Message failed'), { code: 'EMESSAGE', response: '554 Rejected', responseCode: 554 });

    expect(describeFailure(quoted)).to.equal("EENVELOPE: Can't send mail - all recipients were rejected: 550 No such user");
    expect(describeFailure(unquoted)).to.equal('EMESSAGE: 554 Rejected: Message failed');
  });
});
