import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { decodeUtf8, docsToCandidates, readStream, readText } from '../../../src/cli/inputs';
import { isCancelled } from '../../../src/core/errors';
import { fakeSecrets } from '../../support/fakeSecrets';
import { makeTree, removeTree } from '../../support/tempTree';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    assert.equal(decodeUtf8(bytes([0xef, 0xbb, 0xbf], '"café"\n'), 'docs.jsonl'), '"café"\n');
  });

  for (const [where, input, line] of [
    ['on the first line', bytes('"caf', [0xe9], '"\n"b"\n'), 1],
    ['after CRLF lines', bytes('"a"\r\n"b"\r\n"c', [0xff], '"\r\n'), 3],
    ['on a last line without a line break', bytes('"a"\n"b', [0xc3]), 2],
  ] as const) {
    it(`refuses bytes that are not UTF-8 ${where}, naming file:line`, () => {
      assert.throws(() => decodeUtf8(input, 'docs.jsonl'), (err: Error) => err.message === `docs.jsonl:${line}: not valid UTF-8; save or convert it as UTF-8 (e.g. iconv -t UTF-8)`);
    });
  }
});

describe('docsToCandidates', () => {
  const { githubToken } = fakeSecrets(7);
  const docs = ['a', `token ${githubToken}`, 'c'];

  it('keeps docs as they are without a policy (text that stays on this machine)', () => {
    const { candidates, notes } = docsToCandidates(docs);
    assert.deepEqual(
      candidates.map((c) => c.text),
      docs,
    );
    assert.deepEqual(notes, []);
  });

  it('guards them with a policy, keeping each one its position in the input', () => {
    const omitted = docsToCandidates(docs, 'omit');
    assert.deepEqual(
      omitted.candidates.map((c) => [c.id, c.source]),
      [
        ['0', { kind: 'input', index: 0 }],
        ['2', { kind: 'input', index: 2 }],
      ],
    );
    assert.deepEqual(omitted.notes, ['left out 1 passage holding likely secrets (policy: omit)']);
    const redacted = docsToCandidates(docs, 'redact');
    assert.equal(redacted.candidates[1]?.text, 'token [redacted github-token]');
    assert.deepEqual(redacted.notes, ['redacted 1 likely secret (policy: redact)']);
  });
});

describe('reading inputs until cancelled', () => {
  it('readText of a FIFO nobody writes ends with the cancellation error when the signal aborts', async () => {
    const dir = makeTree({});
    try {
      const fifo = path.join(dir, 'docs.fifo');
      execFileSync('mkfifo', [fifo]);
      const controller = new AbortController();
      const reading = readText(fifo, () => Promise.resolve(''), controller.signal);
      controller.abort();
      await assert.rejects(reading, (err) => isCancelled(err));
    } finally {
      removeTree(dir);
    }
  });

  it('readStream ends a stream that never ends when the signal aborts', async () => {
    const never = new Readable({ read: () => undefined });
    const controller = new AbortController();
    const reading = readStream(never, controller.signal);
    never.push('partial');
    controller.abort();
    await assert.rejects(reading, (err) => isCancelled(err));
    assert.equal(never.destroyed, true);
  });
});
