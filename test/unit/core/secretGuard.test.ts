import * as assert from 'node:assert/strict';
import { describeGuard, guardNotice, guardPassages, guardText } from '../../../src/core/secretGuard';
import { fakeSecrets } from '../../support/fakeSecrets';

const fake = fakeSecrets(3);

describe('guardPassages', () => {
  const texts = ['retry a rate limited request', `export GITHUB_TOKEN=${fake.githubToken}\nretry later`, 'bake bread', `key ${fake.awsAccessKey} and ${fake.stripeKey}`];

  it('redacts every likely secret in place and keeps every passage, in order', () => {
    const guarded = guardPassages(texts, 'redact');
    assert.deepEqual(guarded.kept, [0, 1, 2, 3]);
    assert.deepEqual(guarded.omitted, []);
    assert.equal(guarded.redacted, 3);
    assert.equal(guarded.texts[0], texts[0]);
    assert.equal(guarded.texts[1], 'export GITHUB_TOKEN=[redacted github-token]\nretry later');
    for (const secret of [fake.githubToken, fake.awsAccessKey, fake.stripeKey]) assert.ok(!guarded.texts.join('\n').includes(secret));
    assert.deepEqual(guarded.kinds, { 'github-token': 1, 'aws-access-key': 1, 'stripe-key': 1 });
  });

  it("leaves out each passage holding a likely secret under 'omit', and says which", () => {
    const guarded = guardPassages(texts, 'omit');
    assert.deepEqual(guarded.kept, [0, 2]);
    assert.deepEqual(guarded.texts, [texts[0], texts[2]]);
    assert.deepEqual(guarded.omitted, [1, 3]);
    assert.equal(guarded.redacted, 0);
    assert.equal(guarded.kinds['github-token'], 1);
  });

  it('changes nothing in text without likely secrets', () => {
    const clean = ['a', 'const token = getToken();', 'password: z.string().min(8)'];
    assert.deepEqual(guardPassages(clean, 'omit'), { texts: clean, kept: [0, 1, 2], omitted: [], redacted: 0, kinds: {} });
  });
});

describe('guardText', () => {
  it('finds a private key block whole, and redacts it keeping its line breaks', () => {
    const text = `intro\n${fake.privateKey}\noutro`;
    const guarded = guardText(text, 'redact');
    assert.equal(guarded.findings.length, 1);
    assert.equal(guarded.findings[0]?.startLine, 2);
    assert.equal(guarded.text.split('\n').length, text.split('\n').length);
    assert.ok(!guarded.text.includes(fake.privateKey.split('\n')[3] as string));
  });

  it("keeps the text as given under 'omit' (the caller leaves out what the findings name)", () => {
    const text = `TOKEN=${fake.githubToken}`;
    const guarded = guardText(text, 'omit');
    assert.equal(guarded.text, text);
    assert.equal(guarded.findings.length, 1);
  });
});

describe('what the guard says', () => {
  it('in the words the CLI uses for files', () => {
    assert.deepEqual(describeGuard(0, 0), []);
    assert.deepEqual(describeGuard(1, 0), ['redacted 1 likely secret (policy: redact)']);
    assert.deepEqual(describeGuard(0, 2), ['left out 2 passages holding likely secrets (policy: omit)']);
  });

  it('as the extension tells the user', () => {
    assert.equal(guardNotice({ redacted: 0, omitted: [] }), undefined);
    assert.equal(guardNotice({ redacted: 1, omitted: [] }), '1 likely secret redacted before sending');
    assert.equal(guardNotice({ redacted: 0, omitted: [4, 5] }), '2 passages with likely secrets left out before sending');
  });
});
