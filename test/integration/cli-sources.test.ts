// `rerank --query Q PATH...` over a real folder: passages with their provenance, and the contract
// that a result's text is exactly the lines its source names.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runBuiltCli } from '../support/cliProcess';
import { fakeSecrets } from '../support/fakeSecrets';
import { makeTree, removeTree } from '../support/tempTree';

const RETRY = [
  'export async function retryWithBackoff(request: () => Promise<Response>) {',
  '  for (let attempt = 0; attempt < 5; attempt++) {',
  '    const response = await request();',
  '    if (response.status !== 429) return response;',
  '    await sleep(2 ** attempt * 1000);',
  '  }',
  '}',
];

describe('integration: the built CLI over folders (src/sources)', function () {
  this.timeout(30_000);
  let root: string;

  before(() => {
    root = makeTree({
      'src/retry.ts': ['// Retrying requests.', '', ...RETRY, '', 'export const unrelated = 1;', ''].join('\n'),
      'src/crlf.md': ['# Rate limits', '', 'A 429 means rate limited: retry later.', '', '# Cooking', '', 'Soup.'].join('\r\n'),
      'docs/guide.md': '# Guide\n\nNothing about the query here.\n',
      'ignored/secret.txt': 'retry rate limited 429 backoff retry retry\n',
      '.gitignore': 'ignored/\n',
      'image.png': new Uint8Array([137, 80, 78, 71, 0, 0, 0, 13]),
    });
  });
  after(() => removeTree(root));

  it('prints path:start-end for each ranked passage', async () => {
    const result = await runBuiltCli(['--query', 'retry backoff after 429', root, '-k', '3']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /src\/retry\.ts:\d+-\d+/);
    assert.doesNotMatch(result.stdout, /ignored\/secret\.txt/, '.gitignore is honoured');
    assert.doesNotMatch(result.stdout, /image\.png/, 'binary files are skipped');
  });

  it('--json gives each result a source whose lines are exactly its text', async () => {
    const result = await runBuiltCli(['--query', 'retry backoff after 429 rate limited', root, '--json', '-k', '20']);
    assert.equal(result.code, 0, result.stderr);
    const run = JSON.parse(result.stdout) as { results: { text: string; source?: { path: string; startLine: number; endLine: number } }[] };
    assert.ok(run.results.length >= 3);
    for (const r of run.results) {
      assert.ok(r.source, 'every file result has a source');
      const { path: rel, startLine, endLine } = r.source;
      assert.ok(!path.isAbsolute(rel) && !rel.includes('\\'), `relative with forward slashes: ${rel}`);
      assert.ok(startLine >= 1 && endLine >= startLine);
      const lines = readFileSync(path.join(root, rel), 'utf8').split(/\r\n|\r|\n/);
      assert.equal(r.text, lines.slice(startLine - 1, endLine).join('\n'), `${rel}:${startLine}-${endLine}`);
    }
    assert.ok(run.results.some((r) => r.source?.path === 'src/crlf.md'), 'CRLF files rank too');
  });

  it('makes a single-file PATH relative to its folder', async () => {
    const result = await runBuiltCli(['--query', 'retry', path.join(root, 'src/retry.ts'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    const run = JSON.parse(result.stdout) as { results: { source: { path: string } }[] };
    assert.ok(run.results.length > 0, 'the file gave passages');
    assert.ok(run.results.every((r) => r.source.path === 'retry.ts'));
  });

  it('explains an empty result: nothing matched the include glob, and what was excluded', async () => {
    const result = await runBuiltCli(['--query', 'retry', root, '--include', '**/*.py']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no candidates: no files matched include \*\*\/\*\.py in .* \(.*1 excluded by \.gitignore/);
  });

  it('--format prompt redacts likely secrets even with the offline ranker, as the index does; results without an index keep them', async () => {
    const { githubToken } = fakeSecrets(5);
    const dir = makeTree({ 'deploy.sh': `# deploy with retry and backoff\nexport GITHUB_TOKEN=${githubToken}\nretry_deploy --backoff 2\n` });
    try {
      const prompt = await runBuiltCli(['--query', 'deploy retry backoff token', dir, '--format', 'prompt']);
      assert.equal(prompt.code, 0, prompt.stderr);
      assert.match(prompt.stdout, /deploy\.sh:1-3/);
      assert.ok(!prompt.stdout.includes(githubToken), 'the token is not in the prompt context');
      assert.match(prompt.stdout, /GITHUB_TOKEN=\S*redacted/i);
      const indexed = await runBuiltCli(['--query', 'deploy retry backoff token', dir, '--json']);
      assert.equal(indexed.code, 0, indexed.stderr);
      assert.ok(!indexed.stdout.includes(githubToken), 'the index in the cache folder never holds a likely secret');
      const shown = await runBuiltCli(['--query', 'deploy retry backoff token', dir, '--json', '--no-index']);
      assert.equal(shown.code, 0, shown.stderr);
      assert.ok(shown.stdout.includes(githubToken), 'offline, without an index, and shown to the user only, the text is as written');
    } finally {
      removeTree(dir);
    }
  });
});

describe('integration: the built CLI and symlinks that lead out of its PATHs', function () {
  this.timeout(30_000);
  let outside: string;
  let root: string;

  before(() => {
    outside = makeTree({ '.pgpass': 'db:5432:retry:backoff:outside-the-paths\n' });
    root = makeTree({ 'notes.md': 'retry with backoff, inside\n', 'pgpass-link': { symlink: path.join(outside, '.pgpass') } });
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('skips them and says which on stderr', async () => {
    const result = await runBuiltCli(['--query', 'retry backoff', root, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /pgpass-link/);
    assert.match(result.stderr, /skipped 1 symlink leading outside the given paths \(pgpass-link -> \S*\.pgpass\)/);
  });

  it('follows them with --follow-symlinks', async () => {
    const result = await runBuiltCli(['--query', 'retry backoff', root, '--json', '--follow-symlinks']);
    assert.equal(result.code, 0, result.stderr);
    // Its password is redacted (the index keeps no likely secret): the passage's source shows it was read.
    assert.match(result.stdout, /"path":"pgpass-link"/);
    assert.doesNotMatch(result.stderr, /symlink/);
  });
});
