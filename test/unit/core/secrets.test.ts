import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findSecrets, looksRandom, redactSecrets, type SecretKind } from '../../../src/core/secrets';
import { splitLines } from '../../../src/core/lines';
import { fakeSecrets } from '../../support/fakeSecrets';

const fake = fakeSecrets();

describe('findSecrets', () => {
  const planted: [SecretKind, string, string][] = [
    ['aws-access-key', `aws_access_key_id = ${fake.awsAccessKey}`, fake.awsAccessKey],
    ['github-token', `git clone https://${fake.githubToken}@github.com/o/r`, fake.githubToken],
    ['github-token', `GH=${fake.githubPat}`, fake.githubPat],
    ['slack-token', `slack: ${fake.slackToken}`, fake.slackToken],
    ['stripe-key', `Stripe(${JSON.stringify(fake.stripeKey)})`, fake.stripeKey],
    ['google-api-key', `maps.js?key=${fake.googleKey}&v=3`, fake.googleKey],
    ['openai-key', `client = OpenAI(api_base, ${JSON.stringify(fake.openaiKey)})`, fake.openaiKey],
    ['anthropic-key', `export KEY=${fake.anthropicKey}`, fake.anthropicKey],
    ['jwt', `Cookie: session=${fake.jwt}`, fake.jwt],
    ['assigned-secret', `DB_PASSWORD="${fake.password}"`, fake.password],
    ['assigned-secret', `  "client_secret": "${fake.password}",`, fake.password],
    ['assigned-secret', `api_key: ${fake.password}`, fake.password],
    ['jwt', `Authorization: Bearer ${fake.jwtWithoutDash}`, fake.jwtWithoutDash],
    ['assigned-secret', `DB_PASSWORD="${fake.symbolPassword}"`, fake.symbolPassword],
    ['assigned-secret', `password: ${fake.symbolPassword}`, fake.symbolPassword],
    ['assigned-secret', `DB_PASS=${fake.password}`, fake.password],
    ['assigned-secret', `SIGNING_KEY=${fake.password}`, fake.password],
    ['assigned-secret', `ENCRYPTION_KEY: '${fake.password}'`, fake.password],
    ['stripe-key', `STRIPE=${fake.stripeTestKey}`, fake.stripeTestKey],
    ['slack-token', `app token ${fake.slackAppToken}`, fake.slackAppToken],
    ['google-api-key', `"client_id": "x.apps.googleusercontent.com", "web": ${JSON.stringify(fake.googleClientSecret)}`, fake.googleClientSecret],
    ['google-api-key', `curl -H "X-Goog-Token: ${fake.googleAccessToken}"`, fake.googleAccessToken],
    ['url-password', `DATABASE_URL=postgres://app:${fake.password.replace(/[#%!]/g, 'x')}@db:5432/app`, fake.password.replace(/[#%!]/g, 'x')],
  ];
  for (const [kind, line, secret] of planted) {
    it(`finds a planted ${kind}: ${line.slice(0, 24)}…`, () => {
      const text = `first line\n${line}\nlast line`;
      const found = findSecrets(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]?.kind, kind);
      assert.equal(text.slice(found[0]?.start, found[0]?.end), secret);
      assert.deepEqual([found[0]?.startLine, found[0]?.endLine], [2, 2]);
    });
  }

  const words: [string, string][] = [
    ['DB_PASSWORD=Summer2024!', 'Summer2024!'],
    ['password: "correct horse battery staple"', 'correct horse battery staple'],
    ["  'PASSWORD': 'autumn leaves 1987',", 'autumn leaves 1987'],
    ['spring.datasource.password=CopperKettle', 'CopperKettle'],
    ['export PGPASSWORD=velvet-thunder', 'velvet-thunder'],
  ];
  for (const [line, secret] of words) {
    it(`finds a password made of words: ${line}`, () => {
      const found = findSecrets(line);
      assert.deepEqual(found.map((f) => line.slice(f.start, f.end)), [secret]);
    });
  }

  it('finds a private key block and the lines it spans, even cut off at the end', () => {
    const text = `# deploy key\n${fake.privateKey}\nafter`;
    const found = findSecrets(text);
    assert.equal(found.length, 1);
    assert.deepEqual([found[0]?.kind, found[0]?.startLine, found[0]?.endLine], ['private-key', 2, 9]);
    const cut = fake.privateKey.split('\n').slice(0, 4).join('\n');
    const partial = findSecrets(`x\n${cut}`);
    assert.deepEqual([partial[0]?.startLine, partial[0]?.endLine], [2, 5]);
  });

  const lookAlikes = [
    'const tokens = tokenize(text);',
    'password: z.string().min(8),',
    'const apiKey = process.env.COHERE_API_KEY;',
    'secret = config.secret',
    'token: options.credentialOptions.credential,',
    'export const TOKEN_ENDPOINT = "/oauth2/v2.0/token";',
    'const FLOW_PASSWORD_REQUIRED_V2 = "FlowPasswordRequiredResultV2";',
    'SHA256_TOKEN_TO_REFRESH: "token_sha256_to_refresh",',
    'password = "changeme"',
    'API_KEY=your_api_key_here',
    'token: "xxxxxxxxxxxxxxxx"',
    'if (t.tokenType===ue.POP&&t.signPopToken) {',
    '"integrity": "sha512-hsBTNUqQTDwkWtcdYI2i06Y/nUBEsNEDJKjWdigLvegy8kDuJAS8uRlpkkcQpyEXL0Z/pjDy5HBmMjRCJ2gq+g==",',
    'commit 1b91ea4c5d0e2f8a9b7c6d5e4f3a2b1c0d9e8f7a',
    'id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    'The task-list uses sk-learn for risk-scoring',
    'Authorization: Bearer ${token}',
    'token = getToken()',
    'passwordField = "password"',
    'const secretKey = options.secretKey;',
    '  password: string;',
    'password?: string',
    '"password": "Enter your password",',
    'password: {{ .Values.db.password }}',
    'DB_PASSWORD=${DB_PASSWORD}',
    'password = os.environ["DB_PASSWORD"]',
    'password: <your-password>',
    'password = None',
    "api_key: '***'",
    'secret: true',
    '"@azure/core-auth": "^1.10.0",',
    'const PASSWORD_RESET_PATH = "/account/password/reset";',
    'const TOKEN_STORAGE_KEY = "access_token";',
  ];
  for (const line of lookAlikes) {
    it(`leaves ordinary text alone: ${line.slice(0, 50)}`, () => {
      assert.deepEqual(findSecrets(line), []);
    });
  }

  it("flags nothing in this repository's own sources", () => {
    for (const file of ['src/core/engine.ts', 'src/cli.ts', 'package.json', 'src/core/secrets.ts']) {
      const text = readFileSync(path.resolve(__dirname, '../../..', file), 'utf8');
      assert.deepEqual(findSecrets(text), [], file);
    }
  });
});

describe('redactSecrets', () => {
  it('replaces each secret by its kind and keeps every line where it was', () => {
    const text = `a = 1\r\ntoken = "${fake.password}"\r\n${fake.privateKey}\r\nb = 2`;
    const redacted = redactSecrets(text);
    assert.ok(!redacted.includes(fake.password));
    assert.ok(!redacted.includes('PRIVATE KEY'));
    assert.match(redacted, /token = "\[redacted assigned-secret\]"/);
    const before = splitLines(text);
    const after = splitLines(redacted);
    assert.equal(after.length, before.length);
    assert.equal(after[0], 'a = 1');
    assert.equal(after[after.length - 1], 'b = 2');
  });

  it('returns text without secrets unchanged', () => {
    assert.equal(redactSecrets('plain\ntext'), 'plain\ntext');
  });
});

describe('looksRandom', () => {
  it('tells random keys from words, names and versions', () => {
    assert.ok(looksRandom(fake.password));
    assert.ok(looksRandom('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'));
    for (const plain of ['correcthorse', 'getUserName2', 'v1.2.3', 'AZURE_TOKEN_CREDENTIALS', 'options.credential']) assert.ok(!looksRandom(plain), plain);
  });
});
