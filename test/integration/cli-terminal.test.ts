// The built CLI prints nothing a terminal acts on: hostile file names, passages, server messages,
// flags and queries reach stdout and stderr with their escape sequences, bidi controls and line
// breaks shown as text, and every message on stderr is one line.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CLI, runBuiltCli, type CliResult } from '../support/cliProcess';
import { fault, startCohereServer, type CohereServer } from '../support/cohereServer';
import { makeTree, removeTree } from '../support/tempTree';

const KEY = 'co-FAKEKEY-terminal-5b8e2d7a1c4f9e3b6a0d';
/** OSC 52 (write "hi" to the clipboard) and a line break, in a file name. */
const OSC52_NAME = 'a\u001b]52;c;aGk=\u0007\nb.txt';
/** An OSC 8 hyperlink, a right-to-left override and a line break, in a file that is not UTF-8. */
const BAD_UTF8_NAME = 'evil\u001b]8;;https:x\u001b\\\u202e\ntxt.md';

/** What a terminal acts on: ESC, C0 but tab and LF, DEL, C1, bidi controls; CR, U+2028/9 break lines. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function assertInert(result: CliResult): void {
  for (const [name, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
    const found = ACTIVE.exec(text);
    assert.equal(found, null, `${name} holds U+${found?.[0].codePointAt(0)?.toString(16).padStart(4, '0')}: ${JSON.stringify(text)}`);
  }
}

/** Every line of stderr is a whole message: "rerank: ..." or the run's summary. */
function assertOneLineMessages(result: CliResult): string[] {
  const lines = result.stderr.split('\n');
  assert.equal(lines.pop(), '', 'stderr ends with a line break');
  for (const line of lines) assert.match(line, /^(rerank: \S|\d+ of \d+ candidates · )/, `a line that is not a message of its own: ${JSON.stringify(result.stderr)}`);
  return lines;
}

describe('integration: nothing from outside acts on the terminal (the built CLI)', function () {
  this.timeout(20_000);
  let root: string;
  let server: CohereServer;

  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the integration tests`);
    root = makeTree({
      [OSC52_NAME]: 'retry the request with backoff\n',
      'clear.txt': 'retry \u001b[2J\u001b[31mwith\u009b2J backoff \u202eevil\u2066 text\r\nsecond line\n',
      [BAD_UTF8_NAME]: new Uint8Array([0x72, 0x65, 0x74, 0x72, 0x79, 0xff, 0xfe, 0x0a]),
      'good.md': 'nothing about it\n',
    });
  });
  after(() => removeTree(root));

  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
  });
  afterEach(async () => {
    await server.close();
  });

  it('a table of hostile file names and passages, and the note about a file that is not UTF-8', async () => {
    const result = await runBuiltCli(['-q', 'retry backoff', root, '-p', 'local']);
    assert.equal(result.code, 0, result.stderr);
    assertInert(result);
    assert.ok(result.stdout.includes('a\\x1b]52;c;aGk=\\x07⏎b.txt'), result.stdout);
    assert.ok(result.stdout.includes('retry \\x1b[2J\\x1b[31mwith\\x9b2J backoff \\u202eevil'), result.stdout);
    assert.equal(result.stdout.trimEnd().split('\n').length, 1 + 3, 'a header and one line for each passage');
    const note = assertOneLineMessages(result).find((line) => line.includes('not UTF-8'));
    assert.ok(note?.includes('evil\\x1b]8;;https:x\\x1b\\\\u202e⏎txt.md'), result.stderr);
  });

  it('--format prompt: the same names and passages as inert Markdown', async () => {
    const result = await runBuiltCli(['-q', 'retry backoff', root, '-p', 'local', '--format', 'prompt']);
    assert.equal(result.code, 0, result.stderr);
    assertInert(result);
    assertOneLineMessages(result);
    assert.ok(result.stdout.includes('a\\x1b\\]52;c;aGk=\\x07⏎b.txt'), result.stdout);
    assert.deepEqual(result.stdout.split('\n').filter((line) => line.startsWith('#')).map((line) => line.slice(0, 5)), ['# Con', '## 1.', '## 2.', '## 3.']);
  });

  it('--json: C1 and bidi controls as JSON escapes, the text unchanged once parsed', async () => {
    const result = await runBuiltCli(['-q', 'retry backoff', root, '-p', 'local', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assertInert(result);
    const texts = (JSON.parse(result.stdout) as { results: { text: string }[] }).results.map((r) => r.text);
    assert.ok(texts.includes('retry \u001b[2J\u001b[31mwith\u009b2J backoff \u202eevil\u2066 text\nsecond line'), JSON.stringify(texts));
  });

  it("a server's error message with ANSI, bidi controls and line breaks is one inert line", async () => {
    server.script(fault.status(400, 'bad \u001b[31mrequest\u001b[0m\n\u202erekcah\r\nrerank: all good\u009b2J'));
    const result = await runBuiltCli(['-q', 'retry', root, '--endpoint', server.url], { key: KEY });
    assert.equal(result.code, 6);
    assertInert(result);
    const lines = assertOneLineMessages(result);
    assert.match(lines[lines.length - 1] ?? '', /^rerank: .*bad \\x1b\[31mrequest\\x1b\[0m⏎\\u202erekcah⏎rerank: all good\\x9b2J$/);
    assert.equal(lines.filter((line) => line.includes('all good')).length, 1);
  });

  it('a query echoed back, a query file and a model name are shown as text', async () => {
    const query = '=>\u001b]52;c;aGk=\u0007\n\u202e';
    const local = await runBuiltCli(['-q', query, '--docs', '-', '-p', 'local'], { input: '["x y", "z w"]' });
    assert.equal(local.code, 0, local.stderr);
    assertInert(local);
    assert.ok(assertOneLineMessages(local).some((line) => line.includes('the query "=>\\x1b]52;c;aGk=\\x07⏎\\u202e"')), local.stderr);

    const dir = makeTree({ 'queries.jsonl': `${JSON.stringify({ id: 'q\u001b[2J\n1', query: 'retry\u202e\nbackoff' })}\n` });
    try {
      const result = await runBuiltCli(['--queries', `${dir}/queries.jsonl`, root, '--endpoint', server.url, '--model', 'm\u001b[2J\nx'], { key: KEY });
      assert.equal(result.code, 0, result.stderr);
      assertInert(result);
      assert.ok(result.stdout.includes('[q\\x1b[2J⏎1] retry\\u202e⏎backoff\n'), result.stdout);
      assert.ok(assertOneLineMessages(result).some((line) => line.includes(' · m\\x1b[2J⏎x · ')), result.stderr);
    } finally {
      removeTree(dir);
    }
  });

  it('rerank eval: a run file with a hostile name, and a qrels line quoted in an error', async () => {
    const runName = 'run\u001b]52;c;aGk=\u0007\n.trec';
    const dir = makeTree({
      'corpus.jsonl': '{"_id":"d1","text":"retry with backoff"}\n{"_id":"d2","text":"bread"}\n',
      'queries.jsonl': '{"_id":"q1","text":"retry"}\n',
      'qrels.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\n',
      'bad-qrels.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t\u001b[2J\u202e1\n',
      [runName]: 'q1 Q0 d1 1 1.0 t\nq1 Q0 d2 2 0.5 t\n',
    });
    try {
      const data = ['--corpus', `${dir}/corpus.jsonl`, '--queries', `${dir}/queries.jsonl`, '--run', `${dir}/${runName}`, '-p', 'none'];
      const result = await runBuiltCli(['eval', ...data, '--qrels', `${dir}/qrels.tsv`], { key: null });
      assert.equal(result.code, 0, result.stderr);
      assertInert(result);
      assert.match(result.stdout, /^queries {5}1 {3}\(run .*run\\x1b\]52;c;aGk=\\x07⏎\.trec -> as given\)$/m);

      const bad = await runBuiltCli(['eval', ...data, '--qrels', `${dir}/bad-qrels.tsv`], { key: null });
      assert.equal(bad.code, 2);
      assertInert(bad);
      assert.match(assertOneLineMessages(bad).pop() ?? '', /line 2: the grade "\\x1b\[2J\\u202e1" is not a number$/);
    } finally {
      removeTree(dir);
    }
  });

  it('an argument echoed in a usage error is one inert line', async () => {
    const result = await runBuiltCli(['-q', 'x', '--top', '1\u001b[2J\n2'], { key: null });
    assert.equal(result.code, 2);
    assertInert(result);
    assert.deepEqual(assertOneLineMessages(result), ['rerank: --top must be an integer of at least 1; got "1\\x1b[2J⏎2"']);
  });
});
