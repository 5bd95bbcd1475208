// The built CLI (dist/cli.js) as a child process against a loopback Cohere-shaped server:
// the --json contract, the input formats, provider choice, exit codes, retry messages, one-line
// errors, and a fake key that must never reach stdout or stderr.

import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, runBuiltCli, startBuiltCli, type CliResult, type RunOptions } from '../support/cliProcess';
import { fault, startCohereServer, wordOverlapScorer, type CohereServer } from '../support/cohereServer';

const KEY = 'co-FAKEKEY-cli-3a7c1e9b5d2f4a6c8e0b';
const QUERY = 'retry a rate limited request';
const DOCS = [
  'bake sourdough bread', // 0
  'retry the request when rate limited', // 1: 4/5 words of the query (retry, rate, limited, request)
  'a request', // 2: 2/5
  'rate limits explained', // 3: 1/5
];

function cli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return runBuiltCli(args, { ...options, key: options.key === undefined ? KEY : options.key });
}

/** The key is in neither stream, and an error is one line without a stack trace. */
function assertClean(result: CliResult): void {
  assert.ok(!result.stdout.includes(KEY), `the key leaked to stdout:\n${result.stdout}`);
  assert.ok(!result.stderr.includes(KEY), `the key leaked to stderr:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at /m, `a stack trace on stderr:\n${result.stderr}`);
}

/** The final error line; asserts it is one line starting "rerank: " and is the last thing on stderr. */
function errorLine(result: CliResult): string {
  assertClean(result);
  assert.equal(result.stdout, '', 'nothing on stdout when the run fails');
  const lines = result.stderr.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  assert.match(last, /^rerank: \S/);
  return last;
}

function parseJsonLines(stdout: string): unknown[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

interface JsonOut {
  id?: string;
  query: string;
  provider: string;
  model: string;
  results: { rank: number; index: number; score: number; text: string }[];
  stats: { requests: number; retries: number; batches: number; durationMs: number; billedUnits?: number };
}

/** The --json contract, exactly: these keys and no others (billedUnits optional in stats). */
function assertJsonShape(value: unknown, withId = false): JsonOut {
  const out = value as JsonOut;
  assert.deepEqual(Object.keys(out), withId ? ['id', 'query', 'provider', 'model', 'results', 'stats'] : ['query', 'provider', 'model', 'results', 'stats']);
  assert.equal(typeof out.query, 'string');
  assert.equal(typeof out.provider, 'string');
  assert.equal(typeof out.model, 'string');
  assert.ok(Array.isArray(out.results));
  for (const r of out.results) {
    assert.deepEqual(Object.keys(r), ['rank', 'index', 'score', 'text']);
    assert.ok(Number.isInteger(r.rank) && Number.isInteger(r.index) && typeof r.score === 'number' && typeof r.text === 'string');
  }
  const statKeys = Object.keys(out.stats);
  assert.deepEqual(
    statKeys.filter((k) => k !== 'billedUnits'),
    ['requests', 'retries', 'batches', 'durationMs'],
  );
  for (const k of statKeys) assert.equal(typeof (out.stats as unknown as Record<string, unknown>)[k], 'number');
  return out;
}

/** What the server's default scorer makes of DOCS for QUERY, best first, ties by index. */
function expectedRanking(query: string, docs: readonly string[], k: number): { index: number; score: number }[] {
  return wordOverlapScorer(query, docs)
    .map((score, index) => ({ index, score }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k);
}

describe('integration: the built CLI (node dist/cli.js)', function () {
  this.timeout(20_000);
  let server: CohereServer;
  let dir: string;
  let docsJson: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the integration tests`);
    dir = mkdtempSync(path.join(tmpdir(), 'rerank-cli-test-'));
    docsJson = write('docs.json', JSON.stringify(DOCS));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
  });

  afterEach(async () => {
    await server.close();
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  /** The usual arguments: the query, the docs, the loopback endpoint. */
  function base(...more: string[]): string[] {
    return ['-q', QUERY, '--docs', docsJson, '--endpoint', server.url, ...more];
  }

  describe('--json and inputs', () => {
    it('prints exactly the --json contract, index = position in the input (cohere by default with a key)', async () => {
      const result = await cli(base('--json', '-k', '3'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /provider cohere \(key from COHERE_API_KEY\)/);
      const [line, ...rest] = parseJsonLines(result.stdout);
      assert.equal(rest.length, 0, 'one JSON line');
      const out = assertJsonShape(line);
      assert.equal(out.query, QUERY);
      assert.equal(out.provider, 'cohere');
      assert.equal(out.model, 'rerank-v3.5');
      const expected = expectedRanking(QUERY, DOCS, 3);
      assert.deepEqual(
        out.results,
        expected.map((e, i) => ({ rank: i + 1, index: e.index, score: e.score, text: DOCS[e.index] })),
      );
      assert.equal(out.results[0]?.index, 1);
      assert.equal(out.stats.requests, 1);
      assert.equal(out.stats.retries, 0);
      assert.equal(out.stats.batches, 1);
      assert.ok(out.stats.durationMs >= 0);
      // What went over the wire.
      assert.equal(server.requests.length, 1);
      const req = server.requests[0];
      assert.equal(req?.path, '/v2/rerank');
      assert.equal(req?.headers.authorization, `Bearer ${KEY}`);
      // The score cache (on by default) asks for every score, so that it learns them all.
      assert.deepEqual(req?.body, { model: 'rerank-v3.5', query: QUERY, documents: DOCS, top_n: DOCS.length });
    });

    it('--api-version v1 and --model go over the wire, and without the score cache -k is top_n', async () => {
      const result = await cli(base('--json', '--api-version', 'v1', '-m', 'rerank-english-v3.0', '-k', '2', '--no-cache'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.equal(out.model, 'rerank-english-v3.0');
      assert.equal(server.requests[0]?.path, '/v1/rerank');
      assert.deepEqual(server.requests[0]?.body, { model: 'rerank-english-v3.0', query: QUERY, documents: DOCS, top_n: 2, return_documents: false });
    });

    it('an --endpoint ending in /rerank is used as given', async () => {
      const result = await cli(['-q', QUERY, '--docs', docsJson, '--endpoint', `${server.url}/gw/rerank`, '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(server.requests[0]?.path, '/gw/rerank');
    });

    const formats: { name: string; text: string }[] = [
      { name: 'JSONL strings', text: `${DOCS.map((d) => JSON.stringify(d)).join('\n')}\n` },
      { name: 'JSONL objects with "text"', text: DOCS.map((d, i) => JSON.stringify({ id: `d${i}`, text: d })).join('\r\n') },
    ];
    for (const f of formats) {
      it(`--docs as ${f.name} gives the same ranking as a JSON array`, async () => {
        const file = write(`docs-${f.name.replace(/\W+/g, '-')}.jsonl`, f.text);
        const result = await cli(['-q', QUERY, '--docs', file, '--endpoint', server.url, '--json']);
        assertClean(result);
        assert.equal(result.code, 0, result.stderr);
        const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
        assert.deepEqual(
          out.results.map((r) => [r.index, r.text]),
          expectedRanking(QUERY, DOCS, 10).map((e) => [e.index, DOCS[e.index]]),
        );
        assert.deepEqual(server.requests[0]?.body?.documents, DOCS);
      });
    }

    it('--docs - reads stdin', async () => {
      const result = await cli(['-q', QUERY, '--docs', '-', '--endpoint', server.url, '--json', '-k', '2'], {
        input: DOCS.map((d) => JSON.stringify(d)).join('\n'),
      });
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.deepEqual(
        out.results.map((r) => r.index),
        [1, 2],
      );
      assert.deepEqual(server.requests[0]?.body?.documents, DOCS);
    });

    it('--queries JSONL prints one JSON line per query, with its id, in one process', async () => {
      const queries = write(
        'queries.jsonl',
        [JSON.stringify({ id: 'q1', query: 'sourdough bread' }), '', JSON.stringify({ id: 7, query: 'rate limits' })].join('\n'),
      );
      const result = await cli(['--queries', queries, '--docs', docsJson, '--endpoint', server.url, '--json', '-k', '2']);
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      const lines = parseJsonLines(result.stdout);
      assert.equal(lines.length, 2);
      const [a, b] = lines.map((l) => assertJsonShape(l, true));
      assert.equal(a?.id, 'q1');
      assert.equal(a?.query, 'sourdough bread');
      assert.deepEqual(
        a?.results.map((r) => r.index),
        expectedRanking('sourdough bread', DOCS, 2).map((e) => e.index),
      );
      assert.equal(a?.results[0]?.index, 0);
      assert.equal(b?.id, '7');
      assert.equal(b?.query, 'rate limits');
      assert.deepEqual(
        b?.results.map((r) => r.index),
        expectedRanking('rate limits', DOCS, 2).map((e) => e.index),
      );
      assert.deepEqual(
        server.requests.map((r) => r.body?.query),
        ['sourdough bread', 'rate limits'],
      );
    });

    it('without --json prints a readable table and a summary on stderr', async () => {
      const result = await cli(base('-k', '2'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0] ?? '', /#\s+score\s+source\s+text/);
      assert.match(lines[1] ?? '', /^1\s+0\.8000\s+#1\s+retry the request when rate limited$/);
      assert.match(lines[2] ?? '', /^2\s+0\.4000\s+#2\s+a request$/);
      assert.match(result.stderr, /2 of 4 candidates · cohere · rerank-v3\.5 · 1 request, 0 retries, 1 billed units/);
    });
  });

  describe('provider choice', () => {
    it('with no key the default is local, stderr says so, and nothing is sent', async () => {
      const result = await cli(base('--json'), { key: null });
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /provider local \(offline BM25\): no COHERE_API_KEY or RERANK_API_KEY set/);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.equal(out.provider, 'local');
      assert.equal(out.results.length, DOCS.length);
      assert.ok(out.results.every((r) => DOCS[r.index] === r.text));
      assert.notEqual(out.results[0]?.index, 0, 'the bread recipe does not win');
      assert.equal(server.requests.length, 0);
    });

    it('RERANK_API_KEY alone also selects cohere', async () => {
      const result = await cli(base('--json'), { key: null, env: { RERANK_API_KEY: KEY } });
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /provider cohere \(key from RERANK_API_KEY\)/);
      assert.equal(assertJsonShape(parseJsonLines(result.stdout)[0]).provider, 'cohere');
      assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
    });

    it('-p cohere-v1 with --api-version v2 is refused before anything is sent, naming both flags', async () => {
      const result = await cli(base('-p', 'cohere-v1', '--api-version', 'v2'));
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /--api-version v2 contradicts -p cohere-v1 \(Cohere's v1 API\): use -p cohere for v2, or leave --api-version out/);
      assert.equal(server.requests.length, 0);
    });

    it('-p cohere --api-version v1 posts to /v1/rerank', async () => {
      const result = await cli(base('--json', '-p', 'cohere', '--api-version', 'v1'));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(assertJsonShape(parseJsonLines(result.stdout)[0]).provider, 'cohere-v1');
      assert.equal(server.requests[0]?.path, '/v1/rerank');
    });

    it('-p local with a key sends nothing', async () => {
      const result = await cli(base('--json', '-p', 'local'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(assertJsonShape(parseJsonLines(result.stdout)[0]).provider, 'local');
      assert.equal(server.requests.length, 0);
      assert.doesNotMatch(result.stderr, /shares a word/, 'the query matched');
    });

    it('-p local says so when no candidate shares a word with the query (a query of symbols alone)', async () => {
      const result = await cli(['-q', '=>', '--docs', docsJson, '-p', 'local', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /rerank: no candidate shares a word with the query "=>": every BM25 score is 0 and the order is the input's/);
      assert.ok(assertJsonShape(parseJsonLines(result.stdout)[0]).results.every((r) => r.score === 0));
    });
  });

  describe('--min-score', () => {
    it('leaves the results below it out of --json and says how many on stderr', async () => {
      const result = await cli(base('--json', '--min-score', '0.3'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.deepEqual(out.results.map((r) => r.index), expectedRanking(QUERY, DOCS, 10).filter((r) => r.score >= 0.3).map((r) => r.index));
      assert.deepEqual(out.results.map((r) => r.index), [1, 2]);
      assert.match(result.stderr, /rerank: 2 results scored below --min-score 0\.3 and are left out/);
    });

    it('leaves them out of the table and of --format prompt', async () => {
      const table = await cli(base('--min-score', '0.3'));
      assert.equal(table.code, 0, table.stderr);
      assert.ok(table.stdout.includes(DOCS[1] as string) && table.stdout.includes(DOCS[2] as string));
      assert.ok(!table.stdout.includes(DOCS[3] as string) && !table.stdout.includes(DOCS[0] as string), table.stdout);
      const prompt = await cli(base('--format', 'prompt', '--min-score', '0.3'));
      assert.equal(prompt.code, 0, prompt.stderr);
      assert.ok(prompt.stdout.includes(DOCS[2] as string));
      assert.ok(!prompt.stdout.includes(DOCS[3] as string), prompt.stdout);
    });
  });

  describe('exit codes', () => {
    it('2: an unknown option', async () => {
      const result = await cli(base('--frobnicate'));
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /frobnicate/);
      assert.equal(server.requests.length, 0);
    });

    it('2: a bad --top', async () => {
      const result = await cli(base('-k', '0'));
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /--top must be an integer of at least 1; got "0"/);
    });

    it('2: no query', async () => {
      const result = await cli(['--docs', docsJson, '--endpoint', server.url]);
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /no query/);
    });

    it('2: a bad docs file names the line', async () => {
      const file = write('bad.jsonl', ['"first"', '{"text":"second"}', '{"text": oops}', '"fourth"'].join('\n'));
      const result = await cli(['-q', QUERY, '--docs', file, '--endpoint', server.url]);
      assert.equal(result.code, 2);
      const line = errorLine(result);
      assert.ok(line.includes(`${file} line 3`), line);
      assert.match(line, /not valid JSON/);
      assert.equal(server.requests.length, 0);
    });

    it('2: a docs line that is neither a string nor {"text"} names the line', async () => {
      const file = write('bad-shape.jsonl', ['"first"', '{"body":"x"}'].join('\n'));
      const result = await cli(['-q', QUERY, '--docs', file, '--endpoint', server.url]);
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /line 2: expected a string or an object with a string "text"/);
    });

    it('2: a missing docs file', async () => {
      const result = await cli(['-q', QUERY, '--docs', path.join(dir, 'nope.json'), '--endpoint', server.url]);
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /cannot read .*nope\.json: ENOENT/);
    });

    it('2: a key that cannot go in a header names its variable, not its value, and sends nothing', async () => {
      const pasted = `${KEY.slice(0, 20)}\u2026`;
      const result = await cli(base(), { key: pasted });
      assert.equal(result.code, 2);
      assert.match(errorLine(result), /COHERE_API_KEY holds characters that cannot be sent in an HTTP header/);
      assert.ok(!result.stderr.includes(KEY.slice(0, 20)), 'the key is on stderr');
      assert.equal(server.requests.length, 0);
    });

    it('3: the server rejects the key (401)', async () => {
      await server.close();
      server = await startCohereServer({ apiKey: 'co-the-real-key-is-different' });
      const result = await cli(base('--json'));
      assert.equal(result.code, 3);
      assert.match(errorLine(result), /rejected the API key \(401\): invalid api token/);
      assert.equal(server.requests.length, 1, 'a 401 is not retried');
    });

    it('3: the key is not allowed to rerank (403)', async () => {
      server.script(fault.status(403, 'forbidden for this model'));
      const result = await cli(base());
      assert.equal(result.code, 3);
      assert.match(errorLine(result), /not authorized to rerank .*\(403\): forbidden for this model/);
      assert.equal(server.requests.length, 1);
    });

    it('4: rate limited after retries (--max-retries 1)', async () => {
      server.script(fault.rateLimit(0), fault.rateLimit(0));
      const result = await cli(base('--max-retries', '1'));
      assert.equal(result.code, 4);
      assert.match(result.stderr, /^rerank: rate limited, retrying in 0 s \(1\/1\)$/m);
      assert.match(errorLine(result), /rate limited by 127\.0\.0\.1:\d+ \(429\) after 2 attempts/);
      assert.equal(server.requests.length, 2);
    });

    it("4: the server's own sentence and ours are one full stop apart", async () => {
      const said = 'You are past the limit of 10 calls a minute.';
      server.script(fault.status(429, said, 0), fault.status(429, said, 0));
      const result = await cli(base('--max-retries', '1'));
      assert.equal(result.code, 4);
      assert.match(errorLine(result), /\(429\) after 2 attempts: You are past the limit of 10 calls a minute\. Wait, lower the concurrency/);
      assert.doesNotMatch(result.stderr, /\.\./);
    });

    it('5: a timeout (--timeout 0.2, slow headers)', async () => {
      server.script(fault.slowHeaders(60_000));
      const result = await cli(base('--timeout', '0.2', '--max-retries', '0'));
      assert.equal(result.code, 5);
      assert.match(errorLine(result), /no complete answer within 0\.2 s/);
      // Far sooner than the 60 s the headers would take (the helper kills the CLI at 15 s).
      assert.ok(result.elapsedMs < 10_000, `took ${result.elapsedMs} ms`);
    });

    it('5: a stalled body times out too, after its retry', async () => {
      server.script(fault.stallBody(), fault.stallBody());
      const result = await cli(base('--timeout', '0.2', '--max-retries', '1'));
      assert.equal(result.code, 5);
      assert.match(result.stderr, /^rerank: no complete answer within 0\.2 s, retrying in \d(\.\d)? s \(1\/1\)$/m);
      assert.match(errorLine(result), /no complete answer within 0\.2 s \(after 2 attempts\)/);
      assert.equal(server.requests.length, 2);
    });

    it('5: the overall --deadline bounds a slow attempt', async () => {
      server.script(fault.slowHeaders(60_000), fault.slowHeaders(60_000));
      const result = await cli(base('--timeout', '60', '--deadline', '0.3'));
      assert.equal(result.code, 5);
      assert.match(errorLine(result), /^rerank: the run's deadline of 0\.3 s passed$/);
      assert.equal(server.requests.length, 1);
      // Far sooner than the 60 s timeout or headers (the helper kills the CLI at 15 s).
      assert.ok(result.elapsedMs < 10_000, `took ${result.elapsedMs} ms`);
    });

    it('5: 408 after every retry is a timeout', async () => {
      server.script(fault.status(408, 'request timeout', 0), fault.status(408, 'request timeout', 0));
      const result = await cli(base('--max-retries', '1'));
      assert.equal(result.code, 5);
      assert.match(errorLine(result), /timed out waiting for the request \(408\) after 2 attempts: request timeout/);
      assert.equal(server.requests.length, 2);
    });

    it('1: a status no rerank API documents (409)', async () => {
      server.script(fault.status(409, 'conflict'));
      const result = await cli(base('--json'));
      assert.equal(result.code, 1);
      assert.match(errorLine(result), /answered with an unexpected status 409: conflict\. Check that the endpoint and provider/);
      assert.equal(server.requests.length, 1, 'a 409 is not retried');
    });

    it('1: server errors (5xx) after every retry', async () => {
      server.script(fault.status(503, 'overloaded', 0), fault.status(503, 'overloaded', 0));
      const result = await cli(base('--max-retries', '1'));
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^rerank: server error 503, retrying in 0 s \(1\/1\)$/m);
      assert.match(errorLine(result), /failed with 503 after 2 attempts: overloaded/);
      assert.equal(server.requests.length, 2);
    });

    for (const host of ['127.0.0.1', 'localhost']) {
      it(`5: connection refused on a closed port of ${host}: at once, naming the endpoint, without the default retries`, async () => {
        const closed = await startCohereServer();
        const port = closed.port;
        await closed.close();
        const result = await cli(['-q', QUERY, '--docs', docsJson, '--endpoint', `http://${host}:${port}`]);
        assert.equal(result.code, 5);
        assert.equal(errorLine(result), `rerank: nothing answers at http://${host}:${port} (connection refused). Is the server running?`);
        assert.doesNotMatch(result.stderr, /retrying/, 'no retry was announced');
        // Five retries with backoff take over 20 s; a generous bound, not a speed target.
        assert.ok(result.elapsedMs < 8_000, `${result.elapsedMs} ms`);
      });
    }

    for (const status of [400, 402, 404, 422, 498]) {
      it(`6: the API rejects the request (${status})`, async () => {
        server.script(fault.status(status, `scripted reason ${status}`));
        const result = await cli(base('--json'));
        assert.equal(result.code, 6);
        assert.match(errorLine(result), new RegExp(`\\(${status}\\): scripted reason ${status}`));
        assert.equal(server.requests.length, 1, `${status} is not retried`);
      });
    }

    it('6: a server that echoes the Authorization header: the key is redacted', async () => {
      server.script(fault.echoAuth(400));
      const result = await cli(base('--json'));
      assert.equal(result.code, 6);
      const line = errorLine(result);
      assert.match(line, /you sent Authorization: Bearer \[redacted\]/);
      assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`, 'the server did receive the key');
    });

    it('130: Ctrl-C while --docs - waits on stdin ends the run at once', async () => {
      const run = startBuiltCli(['-q', QUERY, '--docs', '-'], { key: null });
      await run.stderrMatching(/provider local/); // said just before stdin is read
      const sent = Date.now();
      run.child.kill('SIGINT');
      // stdin never ends: a CLI that ignores the signal waits forever, until this guard kills it (code null).
      const guard = setTimeout(() => run.child.kill('SIGKILL'), 10_000);
      const result = await run.result;
      const exitedAfter = Date.now() - sent;
      clearTimeout(guard);
      assert.equal(result.code, 130);
      assert.match(errorLine(result), /^rerank: cancelled$/);
      assert.ok(exitedAfter < 10_000, `exited ${exitedAfter} ms after SIGINT`);
    });

    it('1: a bad response from the server', async () => {
      server.script(fault.duplicateIndex());
      const result = await cli(base('--json'));
      assert.equal(result.code, 1);
      assert.match(errorLine(result), /bad response: index 0 appears more than once/);
    });
  });

  describe('retry messages', () => {
    it('"rate limited, retrying in 1 s (1/5)" on stderr, then success', async () => {
      server.script(fault.rateLimit(1));
      const result = await cli(base('--json'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^rerank: rate limited, retrying in 1 s \(1\/5\)$/m);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.equal(out.stats.requests, 2);
      assert.equal(out.stats.retries, 1);
      const [first, second] = server.requests;
      assert.ok(first && second && second.at - first.at >= 950, 'waited the Retry-After');
    });

    it('5xx retries are reported and counted', async () => {
      server.script(fault.status(503, 'busy', 0), fault.status(502, 'bad gateway', 0));
      const result = await cli(base('--json'));
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^rerank: server error 503, retrying in 0 s \(1\/5\)$/m);
      assert.match(result.stderr, /^rerank: server error 502, retrying in 0 s \(2\/5\)$/m);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.equal(out.stats.requests, 3);
      assert.equal(out.stats.retries, 2);
    });

    it('batches are named in retry messages and counted in stats', async () => {
      const many = Array.from({ length: 5 }, (_, i) => `doc ${i} about rate limits`);
      const file = write('five.json', JSON.stringify(many));
      server.script(fault.rateLimit(0));
      const result = await cli(['-q', 'rate limits', '--docs', file, '--endpoint', server.url, '--json', '--batch-size', '2', '--concurrency', '1', '-k', '5']);
      assertClean(result);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^rerank: batch 1\/3: rate limited, retrying in 0 s \(1\/5\)$/m);
      const out = assertJsonShape(parseJsonLines(result.stdout)[0]);
      assert.deepEqual(
        { requests: out.stats.requests, retries: out.stats.retries, batches: out.stats.batches },
        { requests: 4, retries: 1, batches: 3 },
      );
      assert.deepEqual(
        out.results.map((r) => r.index),
        [0, 1, 2, 3, 4],
      );
      assert.deepEqual(
        server.requests.map((r) => (r.body?.documents as string[]).length),
        [2, 2, 2, 1],
      );
    });
  });
});
