// The CLI's own doors, as a process against a loopback Cohere-shaped server: likely secrets in
// --docs and stdin never reach the server or a prompt, bytes that are not UTF-8 are refused with
// file:line, and SIGINT / SIGTERM end a run that waits on a FIFO or on stdin.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, runBuiltCli, startBuiltCli, type CliResult, type RunOptions } from '../support/cliProcess';
import { fakeSecrets } from '../support/fakeSecrets';
import { startCohereServer, type CohereServer } from '../support/cohereServer';

const KEY = 'co-FAKEKEY-inputs-5b1d7e3a9c2f4e6a8d0c';
const QUERY = 'deploy with retry and backoff';
const { githubToken, awsAccessKey } = fakeSecrets(21);
const DOCS = ['bake sourdough bread', `deploy with retry: export GITHUB_TOKEN=${githubToken}`, 'retry and backoff when deploying', `aws key ${awsAccessKey}`];

function cli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return runBuiltCli(args, { ...options, key: options.key === undefined ? KEY : options.key });
}

/** Neither planted secret appears in `text`. */
function assertNoSecret(text: string, where: string): void {
  assert.ok(!text.includes(githubToken), `the GitHub token reached ${where}`);
  assert.ok(!text.includes(awsAccessKey), `the AWS key reached ${where}`);
}

describe('integration: the CLI guards --docs and stdin, refuses bad UTF-8, and stops on signals', function () {
  this.timeout(30_000);
  let server: CohereServer;
  let dir: string;
  let docsFile: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the integration tests`);
    dir = mkdtempSync(path.join(tmpdir(), 'rerank-cli-inputs-'));
    docsFile = path.join(dir, 'docs.json');
    writeFileSync(docsFile, JSON.stringify(DOCS));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
  });
  afterEach(async () => {
    await server.close();
  });

  describe('likely secrets', () => {
    it('--docs FILE: a planted secret never reaches the server, and stderr says so', async () => {
      const result = await cli(['-q', QUERY, '--docs', docsFile, '--endpoint', server.url, '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(server.requests.length, 1);
      assertNoSecret(server.requests[0]?.raw ?? '', 'the server');
      assertNoSecret(result.stdout, 'stdout');
      assert.match(result.stderr, /^rerank: .*docs\.json: redacted 2 likely secrets \(policy: redact\)$/m);
      const documents = server.requests[0]?.body?.documents as string[];
      assert.equal(documents.length, DOCS.length, 'every document was sent');
      assert.equal(documents[1], 'deploy with retry: export GITHUB_TOKEN=[redacted github-token]');
    });

    it('--docs - (stdin): a planted secret never reaches the server', async () => {
      const result = await cli(['-q', QUERY, '--docs', '-', '--endpoint', server.url, '--json'], { input: DOCS.map((d) => JSON.stringify(d)).join('\n') });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(server.requests.length, 1);
      assertNoSecret(server.requests[0]?.raw ?? '', 'the server');
      assert.match(result.stderr, /^rerank: stdin: redacted 2 likely secrets \(policy: redact\)$/m);
    });

    it('--secrets omit leaves out the passages holding one; indices stay positions in the input', async () => {
      const result = await cli(['-q', QUERY, '--docs', docsFile, '--endpoint', server.url, '--json', '--secrets', 'omit']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(server.requests[0]?.body?.documents, [DOCS[0], DOCS[2]]);
      assert.match(result.stderr, /^rerank: .*docs\.json: left out 2 passages holding likely secrets \(policy: omit\)$/m);
      const out = JSON.parse(result.stdout) as { results: { index: number; text: string }[] };
      assert.deepEqual(out.results.map((r) => [r.index, r.text]).sort(), [[0, DOCS[0]], [2, DOCS[2]]].sort());
    });

    it('--format prompt: no secret in the prompt context, even with the offline ranker', async () => {
      const result = await cli(['-q', QUERY, '--docs', docsFile, '-p', 'local', '--format', 'prompt']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /GITHUB_TOKEN=\[redacted github-token\]/);
      assertNoSecret(result.stdout, 'the prompt context');
      assert.equal(server.requests.length, 0);
    });

    it('the offline ranker shows the user their own text as it is', async () => {
      const result = await cli(['-q', QUERY, '--docs', docsFile, '-p', 'local', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout.includes(githubToken));
      assert.doesNotMatch(result.stderr, /redacted/);
    });
  });

  describe('bytes that are not UTF-8', () => {
    const latin1 = Buffer.concat([Buffer.from('"bake bread"\n"caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);

    it('--docs FILE is refused with file:line, exit 2, and nothing is sent', async () => {
      const file = path.join(dir, 'latin1.jsonl');
      writeFileSync(file, latin1);
      const result = await cli(['-q', QUERY, '--docs', file, '--endpoint', server.url]);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stderr.trimEnd().split('\n').pop(), `rerank: ${file}:2: not valid UTF-8; save or convert it as UTF-8 (e.g. iconv -t UTF-8)`);
      assert.equal(server.requests.length, 0);
    });

    it('stdin is refused with stdin:line, never read with U+FFFD', async () => {
      const { child, result } = startBuiltCli(['-q', QUERY, '--docs', '-', '--endpoint', server.url, '--json'], { key: KEY });
      child.stdin?.end(latin1);
      const done = await result;
      assert.equal(done.code, 2, done.stderr);
      assert.match(done.stderr, /^rerank: stdin:2: not valid UTF-8/m);
      assert.ok(!done.stdout.includes('\uFFFD'));
      assert.equal(server.requests.length, 0);
    });
  });

  describe('signals', () => {
    /** Starts the CLI on `args`, waits until it is about to read its input, sends `signal`, and returns how it ended. */
    async function interrupt(args: readonly string[], signal: NodeJS.Signals): Promise<CliResult> {
      const run = startBuiltCli(args, { key: null });
      await run.stderrMatching(/provider local/); // said just before the inputs are read
      run.child.kill(signal);
      // Nobody writes: a CLI that ignores the signal waits until cliProcess's guard kills it (code null).
      return run.result;
    }

    const fifo = () => {
      const file = path.join(dir, `fifo-${Math.random().toString(36).slice(2)}`);
      execFileSync('mkfifo', [file]);
      return file;
    };

    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`${signal} while --docs waits on a FIFO nobody writes: exit ${code}, "cancelled"`, async () => {
        const result = await interrupt(['-q', QUERY, '--docs', fifo()], signal);
        assert.equal(result.code, code, result.stderr);
        assert.equal(result.stderr.trimEnd().split('\n').pop(), 'rerank: cancelled');
      });
    }

    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`${signal} while the server is slow to answer: exit ${code}, "cancelled"`, async () => {
        await server.close();
        let arrived: () => void = () => undefined;
        const waiting = new Promise<void>((resolve) => (arrived = resolve));
        server = await startCohereServer({
          apiKey: KEY,
          behaviour: () => {
            arrived();
            return { kind: 'slow-headers', delayMs: 20_000 };
          },
        });
        const run = startBuiltCli(['-q', QUERY, '--docs', docsFile, '--endpoint', server.url], { key: KEY });
        run.child.stdin?.end();
        await waiting;
        run.child.kill(signal);
        const result = await run.result;
        assert.equal(result.code, code, result.stderr);
        assert.equal(result.stderr.trimEnd().split('\n').pop(), 'rerank: cancelled');
      });
    }

    it('SIGTERM while --docs - waits on stdin held open: exit 143', async () => {
      const result = await interrupt(['-q', QUERY, '--docs', '-'], 'SIGTERM');
      assert.equal(result.code, 143, result.stderr);
      assert.equal(result.stderr.trimEnd().split('\n').pop(), 'rerank: cancelled');
    });
  });
});
