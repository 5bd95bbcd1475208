// Secret-shaped test values, built at run time from a seeded generator so that no literal that
// looks like a live credential sits in the repository (push protection and scanners would
// rightly flag one). None of them is a real key.
import { seededRandom as seeded } from '../../scripts/seededRandom.cjs';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function fakeSecrets(seed = 1) {
  const random = seeded(seed);
  const pick = (alphabet: string, n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    // Random keys hold digits; make sure a short one does too.
    return /\d/.test(s) ? s : `${s.slice(0, -1)}7`;
  };
  const b64url = (n: number): string => pick(`${BASE62}-_`, n);
  const jwtPart = (json: string): string => Buffer.from(json).toString('base64url');
  return {
    awsAccessKey: ['AK', 'IA', pick(UPPER_DIGITS, 16)].join(''),
    githubToken: ['gh', 'p_', pick(BASE62, 36)].join(''),
    githubPat: ['github', '_pat_', pick(BASE62, 22), '_', pick(BASE62, 59)].join(''),
    slackToken: ['xo', 'xb-', pick('0123456789', 12), '-', pick('0123456789', 13), '-', pick(BASE62, 24)].join(''),
    stripeKey: ['sk', '_live_', pick(BASE62, 24)].join(''),
    googleKey: ['AI', 'za', pick(`${BASE62}-_`, 35)].join(''),
    openaiKey: ['sk', '-proj-', b64url(48)].join(''),
    anthropicKey: ['sk', '-ant-api03-', b64url(93), 'AA'].join(''),
    jwt: [jwtPart('{"alg":"HS256","typ":"JWT"}'), jwtPart('{"sub":"1234567890","name":"Ada"}'), b64url(43)].join('.'),
    password: pick(`${BASE62}!#%`, 20),
    /** A JWT whose parts hold no "-" (about one real HS256 token in seven). */
    jwtWithoutDash: [jwtPart('{"alg":"HS256","typ":"JWT"}'), jwtPart('{"sub":"1234567890","name":"Ada"}'), pick(BASE62, 43)].join('.'),
    /** A password with shell-special characters in it. */
    symbolPassword: `${pick(BASE62, 6)}$${pick(BASE62, 4)}&${pick(BASE62, 3)}`,
    stripeTestKey: ['sk', '_test_', pick(BASE62, 24)].join(''),
    slackAppToken: ['xa', 'pp-1-', pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 11), '-', pick('0123456789', 13), '-', pick('0123456789abcdef', 64)].join(''),
    googleClientSecret: ['GOC', 'SPX-', pick(`${BASE62}-_`, 28)].join(''),
    googleAccessToken: ['ya', '29.', pick(`${BASE62}-_`, 120)].join(''),
    privateKey: [
      ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
      ...Array.from({ length: 6 }, () => pick(`${BASE62}+/`, 64)),
      ['-----END', 'RSA PRIVATE KEY-----'].join(' '),
    ].join('\n'),
  };
}
