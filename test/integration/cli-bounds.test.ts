// The built CLI's bounds against a loopback server: one --deadline for the whole ranking, replies
// refused by shape before they are parsed, no listener warning at high concurrency, the key kept
// off plain http:// to other hosts, and a cap on the requests one ranking may send.

import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, runBuiltCli, type CliResult, type RunOptions } from '../support/cliProcess';
import { fault, startCohereServer, type CohereServer } from '../support/cohereServer';

const KEY = 'co-FAKEKEY-bounds-5e1d7c3b9a0f2e4d6c8b';
const QUERY = 'retry a rate limited request';

function cli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return runBuiltCli(args, { key: KEY, ...options });
}

/** The last line of stderr, checked to be the CLI's one-line error with no key in it. */
function errorLine(result: CliResult): string {
  assert.ok(!result.stderr.includes(KEY) && !result.stdout.includes(KEY), 'the key leaked');
  assert.equal(result.stdout, '', 'nothing on stdout when the run fails');
  const lines = result.stderr.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  assert.match(last, /^rerank: \S/);
  return last;
}

describe('integration: the CLI keeps every run bounded', function () {
  this.timeout(20_000);
  let server: CohereServer;
  let dir: string;
  let docs: (n: number) => string;

  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the integration tests`);
    dir = mkdtempSync(path.join(tmpdir(), 'rerank-cli-bounds-'));
    docs = (n) => {
      const file = path.join(dir, `docs-${n}.json`);
      writeFileSync(file, JSON.stringify(Array.from({ length: n }, (_, i) => `request ${i} retried when rate limited`)));
      return file;
    };
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
  });

  afterEach(async () => {
    await server.close();
  });

  it('5: --deadline bounds the whole ranking, not each of its 10 slow batches', async () => {
    // Each batch answers after 1 s, well within a batch's share of any per-request deadline:
    // only a deadline for the whole ranking stops it.
    server.script(...Array.from({ length: 10 }, () => fault.slowHeaders(1_000)));
    const result = await cli(['-q', QUERY, '--docs', docs(10), '--endpoint', server.url, '--batch-size', '1', '--concurrency', '1', '--deadline', '2']);
    assert.equal(result.code, 5, result.stderr);
    assert.match(errorLine(result), /^rerank: the run's deadline of 2 s passed with \d of 10 batches answered$/);
    assert.ok(server.requests.length < 10, `${server.requests.length} of 10 batches were sent`);
  });

  it('1: a reply of 1 MB of nested arrays is refused by its depth, naming the endpoint', async () => {
    server.script(fault.raw(200, '['.repeat(1024 * 1024)));
    const result = await cli(['-q', QUERY, '--docs', docs(3), '--endpoint', server.url]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(errorLine(result), `rerank: the reply from 127.0.0.1:${server.port}/v2/rerank nests deeper than 64 levels, which no rerank reply does; check the endpoint`);
    assert.equal(server.requests.length, 1, 'a reply refused for its shape is not asked for again');
  });

  it('--concurrency 32 with many batches prints no MaxListenersExceededWarning', async () => {
    const result = await cli(['-q', QUERY, '--docs', docs(96), '--endpoint', server.url, '--batch-size', '1', '--concurrency', '32', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /MaxListenersExceededWarning/);
    assert.equal(server.requests.length, 96);
  });

  describe('plain http:// to another host', () => {
    // The loopback server stands in as an HTTP proxy: a request the CLI sent would reach it, so
    // "nothing arrived" proves nothing was sent, and nothing leaves this machine either way.
    const viaProxy = (): RunOptions => ({ env: { HTTP_PROXY: server.url } });
    const endpoint = 'http://rerank.example.invalid';

    it('2: refuses to send the key, says why and how to opt in, and sends nothing', async () => {
      const result = await cli(['-q', QUERY, '--docs', docs(3), '--endpoint', endpoint, '--max-retries', '0'], viaProxy());
      assert.equal(result.code, 2, result.stderr);
      assert.match(errorLine(result), /^rerank: refusing to send the API key over plain http:\/\/ to rerank\.example\.invalid, .*--allow-insecure-http/);
      assert.equal(server.requests.length, 0);
    });

    it('sends it with --allow-insecure-http', async () => {
      const result = await cli(['-q', QUERY, '--docs', docs(3), '--endpoint', endpoint, '--allow-insecure-http', '--json'], viaProxy());
      assert.equal(result.code, 0, result.stderr);
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0]?.headers.host, 'rerank.example.invalid');
    });
  });

  describe('--max-requests', () => {
    it('2: refuses a ranking that would send more, saying how many and how to raise the limit, and sends nothing', async () => {
      const result = await cli(['-q', QUERY, '--docs', docs(12), '--endpoint', server.url, '--batch-size', '1', '--max-requests', '10']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(errorLine(result), /^rerank: this ranking would send 12 requests to cohere, more than --max-requests 10; raise --max-requests, or send fewer requests with a larger --batch-size/);
      assert.equal(server.requests.length, 0);
    });

    it('is 1000 unless given', async () => {
      const refused = await cli(['-q', QUERY, '--docs', docs(1001), '--endpoint', server.url, '--batch-size', '1']);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(errorLine(refused), /would send 1001 requests to cohere, more than --max-requests 1000/);
      assert.equal(server.requests.length, 0);
    });

    it('lets a ranking within the limit run', async () => {
      const result = await cli(['-q', QUERY, '--docs', docs(12), '--endpoint', server.url, '--batch-size', '1', '--max-requests', '12', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(server.requests.length, 12);
    });
  });
});
