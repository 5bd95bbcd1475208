// A repository as users have them: a huge lock file read first, thousands of filler passages, and
// the one file that answers the question read last. Every passage is considered (no cap, no
// "stopped at"), offline and through a Cohere-shaped server on 127.0.0.1, and documents on the
// wire carry their path and title while the output keeps the passage text unchanged.

import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runBuiltCli } from '../support/cliProcess';
import { startCohereServer, type CohereServer } from '../support/cohereServer';
import { makeTree, removeTree } from '../support/tempTree';

const KEY = 'co-FAKEKEY-workspace-5b1d9e3f7a2c';
const QUERY = 'how does the webview restore its state after a reload';
const RELEVANT = [
  '# Webview sample',
  '',
  '## Restoring state',
  '',
  'The webview saves its state with setState and reads it back with getState, so after a reload',
  'the panel restores what the user saw. A serializer restores the webview when VS Code restarts.',
  '',
].join('\n');
/** Filler: words that share nothing with the query. */
const FILLER_LINE = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt';
const FILLER_FILES = 60;
const FILLER_LINES = 220;

describe('integration: the built CLI over a repository with a huge lock file and the answer read last', function () {
  this.timeout(120_000);
  let root: string;
  let server: CohereServer;

  before(() => {
    const spec: Record<string, string> = { 'zz-last/webview-sample/README.md': RELEVANT };
    for (let f = 0; f < FILLER_FILES; f++) {
      const lines: string[] = [];
      for (let l = 0; l < FILLER_LINES; l++) lines.push(`${FILLER_LINE} ${f} ${l}`, '');
      spec[`filler/part${String(f).padStart(3, '0')}.md`] = lines.join('\n');
    }
    root = makeTree(spec);
    // Read first: a file at the top of the root, 250,000 lines of a real lock file's shape.
    const lock = ['{', '  "name": "app",', '  "lockfileVersion": 3,', '  "packages": {'];
    for (let i = 0; lock.length < 249_998; i++) lock.push(`    "node_modules/webview-state-${i}": { "version": "1.0.${i}", "resolved": "https://registry.example/restore-reload-${i}.tgz" },`);
    lock.push('  }', '}');
    writeFileSync(path.join(root, 'package-lock.json'), `${lock.join('\n')}\n`);
  });
  after(() => removeTree(root));
  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
  });
  afterEach(async () => server.close());

  // Blank-line paragraphs at 12 tokens a passage: over 10,000 filler passages.
  const chunking = ['--chunk-tokens', '12'];

  it('ranks the relevant file first offline, with every passage considered and no "stopped at"', async () => {
    const result = await runBuiltCli(['-q', QUERY, '-p', 'local', '-k', '3', ...chunking, root]);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /stopped at|reached|left out/);
    const considered = Number(/3 of (\d+) candidates/.exec(result.stderr)?.[1]);
    assert.ok(considered > FILLER_FILES * FILLER_LINES, `every filler passage was considered (${considered}): ${result.stderr}`);
    const first = result.stdout.split('\n').find((line) => /^\s*1\s/.test(line));
    assert.match(first ?? '', /zz-last\/webview-sample\/README\.md/, result.stdout);
  });

  it('gives the offline results their titles', async () => {
    const result = await runBuiltCli(['-q', QUERY, '-p', 'local', '--json', '-k', '1', ...chunking, root]);
    assert.equal(result.code, 0, result.stderr);
    const run = JSON.parse(result.stdout) as { results: { text: string; title?: string }[] };
    assert.equal(run.results[0]?.title, 'Webview sample › Restoring state');
    assert.ok(run.results[0]?.text.startsWith('The webview saves its state'), 'the text is the passage alone');
  });

  it('ranks it first through the loopback server, which gets the first stage N documents with path and title', async () => {
    const result = await runBuiltCli(['-q', QUERY, '-p', 'cohere', '--endpoint', server.url, '--first-stage', '100', '--json', '-k', '3', ...chunking, root], { key: KEY });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /stopped at|reached|left out/);
    assert.match(result.stderr, /BM25 first stage kept 100 of \d+ candidates/);
    const run = JSON.parse(result.stdout) as { results: { text: string; title?: string; source?: { path: string } }[] };
    assert.equal(run.results[0]?.source?.path, 'zz-last/webview-sample/README.md');
    assert.equal(run.results[0]?.title, 'Webview sample › Restoring state');
    // The header is on the wire only: the result's text is the file's lines as they are.
    assert.ok(!run.results[0]?.text.startsWith('zz-last/'), run.results[0]?.text);
    const documents = server.requests.flatMap((r) => r.body?.documents as string[]);
    assert.equal(documents.length, 100);
    assert.ok(
      documents.some((d) => d.startsWith('zz-last/webview-sample/README.md — Webview sample › Restoring state\n\nThe webview saves its state')),
      documents.find((d) => d.includes('setState')),
    );
  });

  it('sends the passages bare with --document-header none', async () => {
    const result = await runBuiltCli(['-q', QUERY, '-p', 'cohere', '--endpoint', server.url, '--first-stage', '20', '--document-header', 'none', '-k', '3', ...chunking, root], { key: KEY });
    assert.equal(result.code, 0, result.stderr);
    const documents = server.requests.flatMap((r) => r.body?.documents as string[]);
    assert.ok(documents.some((d) => d.startsWith('The webview saves its state')));
    assert.ok(!documents.some((d) => d.startsWith('zz-last/') || d.startsWith('filler/')));
  });
});

describe('integration: the built CLI at a resource bound', function () {
  this.timeout(60_000);
  let root: string;

  before(() => {
    const spec: Record<string, string> = { 'src/answer.md': '# Answer\n\nThe answer is here.\n' };
    // 3 MB of text in fixtures/, read before src/: the 2 MB bound is reached inside it.
    for (let i = 0; i < 6; i++) spec[`fixtures/data/f${i}.txt`] = `${'filler text line\n'.repeat(30_000)}`;
    root = makeTree(spec);
  });
  after(() => removeTree(root));

  it('names what it left out and the ways out on stderr, and still ranks what it read', async () => {
    const result = await runBuiltCli(['-q', 'answer', '-p', 'local', '--max-read-mb', '2', root]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /rerank: reached 2 MB of text read \(the limit\): 3 files left out, in fixtures \(2\), src \(1\); the heaviest folder read is fixtures\/data \(1\.\d MB\)\n/);
    assert.match(result.stderr, /rerank: to rank the files left out: leave out the heaviest folder with --exclude 'fixtures\/data', narrow the PATHs or --include, or raise the limit \(--max-read-mb 4\)\n/);
  });

  it('names a folder with glob characters so that the --exclude it offers leaves out that folder', async () => {
    const tree = makeTree({ 'src/answer.md': '# Answer\n\nThe answer is here.\n', ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`data[1]/f${i}.txt`, 'filler text line\n'.repeat(30_000)])) });
    try {
      const result = await runBuiltCli(['-q', 'answer', '-p', 'local', '--max-read-mb', '2', tree]);
      assert.equal(result.code, 0, result.stderr);
      const offered = /--exclude '([^']+)'/.exec(result.stderr)?.[1];
      assert.equal(offered, 'data[[]1[]]');
      const excluded = await runBuiltCli(['-q', 'answer', '-p', 'local', '--max-read-mb', '2', '--exclude', offered, tree]);
      assert.equal(excluded.code, 0, excluded.stderr);
      assert.doesNotMatch(excluded.stderr, /left out/);
    } finally {
      removeTree(tree);
    }
  });
});

describe('integration: the built CLI leaves out lock files by default', function () {
  this.timeout(60_000);
  const LOCKS = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'go.sum', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'composer.lock', 'Gemfile.lock', 'gradle.lockfile', 'packages.lock.json', 'pubspec.lock', 'Package.resolved', 'bun.lock'];
  let root: string;

  before(() => {
    const spec: Record<string, string> = { 'src/main.txt': 'dependency versions are pinned\n', 'dist/out.js': 'dependency versions bundled\n' };
    for (const name of LOCKS) spec[`app/${name}`] = 'dependency versions 1.2.3 sha512\n';
    root = makeTree(spec);
  });
  after(() => removeTree(root));

  const ranked = async (...flags: string[]): Promise<string[]> => {
    const result = await runBuiltCli(['-q', 'dependency versions', '-p', 'local', '--json', '-k', '50', ...flags, root]);
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { results: { source?: { path: string } }[] }).results.map((r) => r.source?.path ?? '').sort();
  };

  it('ranks none of them, nor build output', async () => {
    assert.deepEqual(await ranked(), ['src/main.txt']);
  });

  it('ranks one again when --include names it, and all with --no-default-excludes', async () => {
    assert.deepEqual(await ranked('--include', '**/Cargo.lock', '--include', 'src/**'), ['app/Cargo.lock', 'src/main.txt']);
    assert.equal((await ranked('--no-default-excludes')).length, LOCKS.length + 2);
  });
});
