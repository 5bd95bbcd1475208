import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { isCancelled, RerankError } from '../../../src/core/errors';
import { collectFileCandidates, describeCollection, type CollectOptions, type CollectReport, type RootReport } from '../../../src/sources/index';
import { textOutcome } from '../../../src/sources/fileCandidates';
import { createNodeFs } from '../../../src/sources/nodeFs';
import type { SourceFs } from '../../../src/sources/fs';
import { splitLines } from '../../../src/core/lines';
import { sourceLabel } from '../../../src/core/source';
import type { Candidate } from '../../../src/core/types';
import { treesRemovedAfterEach, type TreeSpec } from '../../support/tempTree';

const local: CollectOptions = { remote: false };
const tree = treesRemovedAfterEach();

async function collect(paths: string[], options: CollectOptions = local, fs: SourceFs = createNodeFs()) {
  return collectFileCandidates(fs, paths, options);
}

const pathsOf = (candidates: Candidate[]): string[] => [...new Set(candidates.map((c) => (c.source.kind === 'file' ? c.source.path : '?')))];
const only = (report: CollectReport): RootReport => report.roots[0] as RootReport;

describe('collectFileCandidates from a subfolder of a workspace folder (ruleBase)', () => {
  const spec: TreeSpec = {
    '.gitignore': 'secret.env\nbuild/\n',
    'packages/.rerankignore': 'app/notes/\n',
    'packages/app/secret.env': 'TOKEN_NAME=value for local use\n',
    'packages/app/build/out.js': 'console.log("built");\n',
    'packages/app/notes/todo.md': '# todo\n',
    'packages/app/src/a.ts': 'export const a = 1;\n',
    'packages/app/src/generated/g.ts': 'export const g = 2;\n',
    'packages/app/README.md': '# app\n',
  };

  it("applies the ignore files of every folder above it, down from the base, and matches globs from the base", async () => {
    const root = tree(spec);
    const app = path.join(root, 'packages/app');
    const { candidates, report } = await collect([app], { remote: false, ruleBase: () => root, exclude: ['packages/app/src/generated'] });
    assert.deepEqual(pathsOf(candidates).sort(), ['README.md', 'src/a.ts'], 'paths stay relative to the folder ranked');
    assert.equal(only(report).excludedByGitignore, 2, 'secret.env and build/ by the root .gitignore');
    assert.equal(only(report).excludedByRerankignore, 1, 'notes/ by packages/.rerankignore');
    assert.equal(only(report).excludedByGlob, 1, 'the glob names the folder from the base');
  });

  it('reads none of them without a rule base, as for a PATH given to the CLI', async () => {
    const root = tree(spec);
    const { candidates } = await collect([path.join(root, 'packages/app')], { remote: false, exclude: ['packages/app/src/generated'] });
    assert.deepEqual(pathsOf(candidates).sort(), ['README.md', 'build/out.js', 'notes/todo.md', 'secret.env', 'src/a.ts', 'src/generated/g.ts']);
  });

  it('leaves out everything in a root that the ignore files above it exclude, as git does', async () => {
    const root = tree(spec);
    const { candidates, report } = await collect([path.join(root, 'packages/app/build')], { remote: false, ruleBase: () => root });
    assert.equal(candidates.length, 0);
    assert.equal(only(report).excludedByGitignore, 1);
  });

  it('treats a root that is the base itself as its own base', async () => {
    const root = tree(spec);
    const { candidates } = await collect([root], { remote: false, ruleBase: () => root });
    assert.deepEqual(pathsOf(candidates).sort(), ['.gitignore', 'packages/.rerankignore', 'packages/app/README.md', 'packages/app/src/a.ts', 'packages/app/src/generated/g.ts']);
  });
});

describe('collectFileCandidates', () => {
  for (const blocking of [true, false]) {
    it(`reads a folder into passages with paths relative to it (node fs, blocking: ${blocking})`, async () => {
      const root = tree({ 'a.md': '# A\n\ntext', 'sub/b.ts': 'export const b = 1;\n', 'sub/deeper/c.txt': 'c' });
      const { candidates, report } = await collect([root], local, createNodeFs({ blocking }));
      assert.deepEqual(pathsOf(candidates), ['a.md', 'sub/b.ts', 'sub/deeper/c.txt']);
      assert.deepEqual(candidates[1], { id: 'sub/b.ts:1-1', text: 'export const b = 1;', source: { kind: 'file', path: 'sub/b.ts', range: { startLine: 1, endLine: 1 } } });
      assert.equal(only(report).filesRead, 3);
      assert.deepEqual(describeCollection(report), []);
    });
  }

  it('honours nested .gitignore files, negation in a deeper one, and counts what they excluded', async () => {
    const root = tree({
      '.gitignore': '*.log\nbuild/\n/top-only.txt\n',
      'a.log': 'x',
      'keep.txt': 'kept',
      'top-only.txt': 'x',
      'build/out.js': 'x',
      'build/more/x.js': 'x',
      'sub/.gitignore': '!keep.log\nlocal.txt\n',
      'sub/keep.log': 'kept log',
      'sub/other.log': 'x',
      'sub/local.txt': 'x',
      'sub/top-only.txt': 'nested, so not matched by /top-only.txt',
      'other/local.txt': 'only sub ignores local.txt',
    });
    const { candidates, report } = await collect([root]);
    assert.deepEqual(pathsOf(candidates), ['.gitignore', 'keep.txt', 'other/local.txt', 'sub/.gitignore', 'sub/keep.log', 'sub/top-only.txt']);
    // a.log, top-only.txt, build/ (one folder), sub/other.log, sub/local.txt
    assert.equal(only(report).excludedByGitignore, 5);
  });

  it('honours .rerankignore, which overrides .gitignore in the same folder', async () => {
    const root = tree({
      '.gitignore': 'generated/\n',
      '.rerankignore': 'drafts/\n!generated/\n*.secret.md\n',
      'generated/api.md': 'wanted for ranking',
      'drafts/x.md': 'x',
      'notes.secret.md': 'x',
      'notes.md': 'y',
    });
    const { candidates, report } = await collect([root]);
    assert.deepEqual(pathsOf(candidates), ['.gitignore', '.rerankignore', 'notes.md', 'generated/api.md']);
    assert.equal(only(report).excludedByRerankignore, 2);
    assert.equal(only(report).excludedByGitignore, 0);
    const noIgnore = await collect([root], { remote: false, ignoreFiles: false });
    assert.equal(pathsOf(noIgnore.candidates).length, 6);
  });

  it('applies exclude globs from the caller and the version-control defaults', async () => {
    const root = tree({
      '.git/config': 'x',
      'node_modules/p/index.js': 'x',
      'src/app.min.js': 'x',
      'src/app.js': 'app',
      'docs/api/ref.md': 'x',
      'docs/guide.md': 'guide',
    });
    const { candidates, report } = await collect([root], { remote: false, exclude: ['node_modules', '*.min.js', 'docs/api'] });
    assert.deepEqual(pathsOf(candidates), ['docs/guide.md', 'src/app.js']);
    assert.equal(only(report).excludedByGlob, 4);
  });

  it('keeps only files matching include globs, at any depth for a pattern without a slash', async () => {
    const root = tree({ 'a.ts': 'a', 'lib/b.ts': 'b', 'lib/c.js': 'c', 'test/d.ts': 'd', 'README.md': 'r' });
    const some = await collect([root], { remote: false, include: ['*.ts'] });
    assert.deepEqual(pathsOf(some.candidates), ['a.ts', 'lib/b.ts', 'test/d.ts']);
    assert.equal(only(some.report).notIncluded, 2);
    const scoped = await collect([root], { remote: false, include: ['lib/**/*.{ts,js}', 'README.md'] });
    assert.deepEqual(pathsOf(scoped.candidates), ['README.md', 'lib/b.ts', 'lib/c.js']);
    const folder = await collect([root], { remote: false, include: ['test'] });
    assert.deepEqual(pathsOf(folder.candidates), ['test/d.ts']);
  });

  it('explains an empty result: what include matched nothing and what the rules excluded', async () => {
    const root = tree({ '.gitignore': 'dist/\n*.tmp\n', 'dist/a.py': 'x', 'b.tmp': 'x', 'c.ts': 'x', 'd.ts': 'y' });
    const { candidates, report } = await collect([root], { remote: false, include: ['*.py'] });
    assert.equal(candidates.length, 0);
    assert.deepEqual(describeCollection(report), [`no files matched include *.py in ${root} (3 other files not included; 2 excluded by .gitignore)`]);
  });

  for (const blocking of [true, false]) {
    it(`skips binary, oversized, non-UTF-8 and UTF-16 files, reporting each and crashing on none (blocking: ${blocking})`, async () => {
      const root = tree({
        'ok.txt': 'fine',
        'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
        'big.txt': 'x'.repeat(3000),
        'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
        'utf16.txt': new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]),
        'bom.txt': new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]),
        'blank.txt': '  \n\n',
      });
      const { candidates, report } = await collect([root], { remote: false, maxFileBytes: 2048 }, createNodeFs({ blocking }));
      assert.deepEqual(
        candidates.map((c) => [c.id, c.text]),
        [
          ['bom.txt:1-1', 'hi'],
          ['ok.txt:1-1', 'fine'],
        ],
      );
      const r = only(report);
      assert.deepEqual([r.binary, r.tooLarge, r.undecodable, r.empty, r.filesMatched, r.filesRead], [1, 1, 2, 1, 7, 3]);
      assert.deepEqual(describeCollection(report), [`${root}: skipped 1 binary, 1 over 2 KB, 2 not UTF-8 (latin1.txt, utf16.txt (UTF-16))`]);
    });
  }

  for (const [name, fs] of [['blocking', () => createNodeFs()], ['callback', () => createNodeFs({ blocking: false })], ['reads ahead', () => ({ ...createNodeFs(), readFileTransient: undefined })]] as const) {
    it(`reports a binary file over the size limit as binary, from its first 8 KB alone (${name})`, async () => {
      const image = new Uint8Array(50_000).fill(0x41);
      image[3] = 0;
      const root = tree({ 'image.png': image, 'big.txt': 'x'.repeat(50_000), 'ok.txt': 'fine' });
      const heads: number[] = [];
      const base: SourceFs = fs();
      const recording: SourceFs = { ...base, readHead: (path, bytes) => (heads.push(bytes), (base.readHead as NonNullable<SourceFs['readHead']>)(path, bytes)) };
      const { candidates, report } = await collect([root], { remote: false, maxFileBytes: 2048 }, recording);
      assert.deepEqual(candidates.map((c) => c.id), ['ok.txt:1-1']);
      const r = only(report);
      assert.deepEqual([r.binary, r.tooLarge], [1, 1]);
      assert.deepEqual(heads, [8192, 8192], 'each file over the limit had its first 8 KB read, no more');
    });
  }

  it('calls a file binary for a NUL in its first 8 KB of bytes only, decoded or not', () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    const kind = (bytes: Uint8Array): string => {
      const outcome = textOutcome(bytes, { chunk: undefined, secretPolicy: undefined });
      return outcome.kind === 'undecodable' ? `undecodable ${outcome.why}`.trim() : outcome.kind;
    };
    assert.equal(kind(encode(`${'a'.repeat(100)}\0rest`)), 'binary');
    assert.equal(kind(encode(`${'a'.repeat(8191)}\0rest`)), 'binary');
    assert.equal(kind(encode(`${'a'.repeat(8192)}\0rest`)), 'text');
    // "é" is 2 bytes: character 4,000 is byte 8,000, character 5,000 byte 10,000.
    assert.equal(kind(encode(`${'é'.repeat(4000)}\0rest`)), 'binary');
    assert.equal(kind(encode(`${'é'.repeat(5000)}\0rest`)), 'text');
    // Not UTF-8: binary with a NUL in the first 8 KB, else another encoding.
    assert.equal(kind(new Uint8Array([0x89, 0x50, 0x00, 0xff])), 'binary');
    assert.equal(kind(new Uint8Array([0x63, 0xe9, 0x0a])), 'undecodable');
    const lateNul = encode(`x${'a'.repeat(9000)}\0`);
    lateNul[0] = 0xff;
    assert.equal(kind(lateNul), 'undecodable');
    assert.equal(kind(new Uint8Array([0xff, 0xfe, 0x61, 0x00])), 'undecodable UTF-16');
  });

  it('gives a file with CRLF or CR line breaks the line ranges and texts of its LF copy', async () => {
    const lf = Array.from({ length: 60 }, (_, i) => (i % 7 === 6 ? '' : `line ${i} says something about part ${i}`)).join('\n');
    const root = tree({ 'lf.txt': lf, 'crlf.txt': lf.replace(/\n/g, '\r\n'), 'cr.txt': lf.replace(/\n/g, '\r') });
    const { candidates } = await collect([root], { remote: false, chunk: { maxTokens: 60 } });
    const of = (name: string) => candidates.filter((c) => c.id.startsWith(`${name}:`)).map((c) => [c.id.slice(name.length), c.text]);
    assert.ok(of('lf.txt').length > 2);
    assert.deepEqual(of('crlf.txt'), of('lf.txt'));
    assert.deepEqual(of('cr.txt'), of('lf.txt'));
  });

  it('explains a root whose matched files held no text', async () => {
    const root = tree({ 'a.bin': new Uint8Array([1, 0, 2]), 'b.bin': new Uint8Array([0]), 'c.txt': '\n\n' });
    const { report } = await collect([root]);
    assert.deepEqual(describeCollection(report), [`${root}: 3 files matched but none held text (2 binary)`]);
  });

  it('follows symlinks but never enters the same real folder twice', async () => {
    const root = tree({ 'real/a.txt': 'a', 'real/loop': { symlink: '..' }, 'z-alias': { symlink: 'real' }, 'file-link.txt': { symlink: 'real/a.txt' }, 'dangling': { symlink: 'nowhere' } });
    const { candidates, report } = await collect([root]);
    assert.deepEqual(pathsOf(candidates), ['file-link.txt', 'real/a.txt']);
    // z-alias -> real (entered already: real sorts first) and real/loop -> the root: each reached twice.
    assert.equal(only(report).symlinkLoops, 2);
    assert.equal(only(report).unreadable, 1);
  });

  describe('symlinks leading outside the bounds', () => {
    // A tree with symlinks to a file and a folder outside it (standing for ~/.pgpass and /etc),
    // one to a file inside it, and a loop.
    function trees() {
      const outside = tree({ '.pgpass': 'db:5432:app:admin:hunter2-outside\n', 'etc/passwd': 'root:x:0:0:outside\n' });
      const root = tree({
        'a.txt': 'inside a',
        'inside-link.txt': { symlink: 'a.txt' },
        'pgpass-link': { symlink: path.join(outside, '.pgpass') },
        'etc-link': { symlink: path.join(outside, 'etc') },
        'sub/b.txt': 'inside b',
        'sub/loop': { symlink: '..' },
      });
      return { root, outside: realpathSync(outside) };
    }
    const texts = (candidates: Candidate[]): string => candidates.map((c) => c.text).join('\n');

    it('skips and reports symlinks whose real path leaves the roots, following those that stay inside, loops ended', async () => {
      const { root, outside } = trees();
      const { candidates, report } = await collect([root]);
      assert.deepEqual(pathsOf(candidates), ['a.txt', 'inside-link.txt', 'sub/b.txt']);
      assert.doesNotMatch(texts(candidates), /outside/);
      assert.equal(only(report).symlinksOutside, 2);
      assert.equal(only(report).symlinkLoops, 1);
      assert.deepEqual(describeCollection(report), [
        `${root}: skipped 2 symlinks leading outside the given paths (etc-link -> ${outside}/etc, pgpass-link -> ${outside}/.pgpass), 1 folder reached twice through symlinks`,
      ]);
    });

    it('keeps symlinks within the bounds given (the workspace folders), and names them in the report', async () => {
      const { root, outside } = trees();
      const within = { within: [root], label: 'the workspace' };
      const { candidates, report } = await collect([path.join(root, 'sub')], { remote: false, symlinks: within });
      // sub/loop leads to the root: inside the workspace, so followed (once).
      assert.deepEqual(pathsOf(candidates), ['b.txt', 'loop/a.txt', 'loop/inside-link.txt']);
      assert.match(describeCollection(report).join('\n'), new RegExp(`2 symlinks leading outside the workspace \\(loop/etc-link -> ${outside}/etc`));
    });

    it('refuses a root that is a symlink leading outside the bounds', async () => {
      const { root, outside } = trees();
      const { candidates, report } = await collect([path.join(root, 'etc-link'), path.join(root, 'pgpass-link')], { remote: false, symlinks: { within: [root], label: 'the workspace' } });
      assert.equal(candidates.length, 0);
      assert.deepEqual(report.roots.map((r) => r.symlinksOutside), [1, 1]);
      assert.equal(describeCollection(report)[0], `no files in ${path.join(root, 'etc-link')} (1 symlink leading outside the workspace (${path.join(root, 'etc-link')} -> ${outside}/etc))`);
    });

    it("follows every symlink with 'follow' (the CLI's --follow-symlinks)", async () => {
      const { root } = trees();
      const { candidates, report } = await collect([root], { remote: false, symlinks: 'follow' });
      assert.deepEqual(pathsOf(candidates), ['a.txt', 'inside-link.txt', 'pgpass-link', 'etc-link/passwd', 'sub/b.txt']);
      assert.equal(only(report).symlinksOutside, 0);
    });

    it('skips every symlink on a file system that cannot tell real paths', async () => {
      const { root } = trees();
      const noRealpath: SourceFs = { ...createNodeFs() };
      delete noRealpath.realpath;
      const { candidates, report } = await collect([root], local, noRealpath);
      assert.deepEqual(pathsOf(candidates), ['a.txt', 'sub/b.txt']);
      assert.equal(only(report).symlinksOutside, 4);
      assert.match(describeCollection(report).join('\n'), /etc-link -> \(this file system cannot tell\)/);
    });

    it('never reads a symlinked ignore file', async () => {
      const outside = tree({ rules: 'a.txt\n' });
      const root = tree({ 'a.txt': 'kept', '.gitignore': { symlink: path.join(outside, 'rules') } });
      const { candidates } = await collect([root]);
      assert.deepEqual(pathsOf(candidates), ['a.txt']);
    });
  });

  it('collects several roots, tells their candidates apart, and reports each', async () => {
    const a = tree({ 'README.md': 'first project', 'x.ts': 'x' });
    const b = tree({ 'README.md': 'second project' });
    const { candidates, report } = await collect([a, b]);
    assert.equal(candidates.length, 3);
    assert.equal(new Set(candidates.map((c) => c.id)).size, 3);
    assert.deepEqual(candidates.map((c) => (c.source.kind === 'file' ? c.source.path : '')), ['README.md', 'x.ts', 'README.md']);
    assert.ok(candidates[0]?.id.startsWith(`${path.basename(a)}/`));
    assert.deepEqual(report.roots.map((r) => r.candidates), [2, 1]);
    // Where each came from reads differently too: in prompt context, exports, the tree.
    assert.deepEqual(
      candidates.map((c) => sourceLabel(c.source)),
      [`${path.basename(a)}/README.md:1-1`, `${path.basename(a)}/x.ts:1-1`, `${path.basename(b)}/README.md:1-1`],
    );
  });

  it("applies a root's own excludes to that root only (a workspace folder's files.exclude)", async () => {
    const a = tree({ 'gen/out.ts': 'generated a', 'src.ts': 'a' });
    const b = tree({ 'gen/out.ts': 'generated b' });
    const { candidates, report } = await collect([a, b], { remote: false, rootExclude: (root) => (root === a ? ['gen'] : []) });
    assert.deepEqual(candidates.map((c) => c.text), ['a', 'generated b']);
    assert.deepEqual(report.roots.map((r) => r.excludedByGlob), [1, 0]);
  });

  it('takes a named file as its own root, path relative to its folder, whatever the globs', async () => {
    const root = tree({ 'notes/todo.md': 'one\n\ntwo', '.gitignore': 'notes/\n' });
    const { candidates, report } = await collect([path.join(root, 'notes/todo.md')], { remote: false, include: ['*.py'] });
    assert.deepEqual(candidates.map((c) => c.source), [{ kind: 'file', path: 'todo.md', range: { startLine: 1, endLine: 3 } }]);
    assert.equal(only(report).isFile, true);
  });

  it('fails clearly on a root that does not exist', async () => {
    await assert.rejects(collect(['/no/such/place']), (err: unknown) => err instanceof RerankError && err.kind === 'bad-input' && /cannot read \/no\/such\/place: ENOENT/.test(err.message));
  });

  it('counts unreadable files and folders and goes on', async () => {
    const root = tree({ 'a.txt': 'a', 'locked.txt': 'x', 'closed/b.txt': 'b', 'open/c.txt': 'c' });
    const base = createNodeFs();
    const denied = (p: string): boolean => p.endsWith('locked.txt') || p.endsWith('closed');
    const deny = (): Error => Object.assign(new Error('denied'), { code: 'EACCES' });
    const fs: SourceFs = {
      ...base,
      readFile: (p, max) => (denied(p) ? Promise.reject(deny()) : base.readFile(p, max)),
      readFileTransient: (p, max) => {
        if (denied(p)) throw deny();
        return base.readFileTransient?.(p, max);
      },
      readDirectory: (p) => (denied(p) ? Promise.reject(deny()) : base.readDirectory(p)),
    };
    const { candidates, report } = await collect([root], local, fs);
    assert.deepEqual(pathsOf(candidates), ['a.txt', 'open/c.txt']);
    assert.equal(only(report).unreadable, 2);
    const message = describeCollection(report).join('\n');
    assert.match(message, /skipped 2 unreadable \(/);
    assert.match(message, /locked\.txt \(EACCES\)/);
    assert.match(message, /closed \(EACCES\)/);
  });

  it('reports progress per file and stops when cancelled', async () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < 30; i++) spec[`d${i % 3}/f${i}.txt`] = `text ${i}`;
    const root = tree(spec);
    const seen: string[] = [];
    await collect([root], { remote: false, onProgress: (p) => seen.push(p.path) });
    assert.equal(seen.length, 30);
    const controller = new AbortController();
    const options: CollectOptions = { remote: false, signal: controller.signal, onProgress: (p) => p.filesDone === 5 && controller.abort() };
    await assert.rejects(collect([root], options), isCancelled);
  });

  it("gives passages whose text equals those lines of the file, over this repository's sources", async () => {
    const repo = path.resolve(__dirname, '../../..');
    const { candidates, report } = await collect([path.join(repo, 'src'), path.join(repo, 'test')], { remote: false, chunk: { maxTokens: 150 } });
    assert.ok(only(report).filesRead > 20);
    for (const c of candidates) {
      if (c.source.kind !== 'file' || !c.source.range) throw new Error('file source with a range expected');
      const rootDir = c.id.startsWith('src/') ? path.join(repo, 'src') : path.join(repo, 'test');
      const lines = splitLines(readFileSync(path.join(rootDir, c.source.path), 'utf8'));
      assert.equal(c.text, lines.slice(c.source.range.startLine - 1, c.source.range.endLine).join('\n'), c.id);
    }
  });

  it('gives the same candidates and report through readFile (with read-ahead) as through the reusing reader', async () => {
    const repo = path.resolve(__dirname, '../../..');
    const roots = [path.join(repo, 'src'), path.join(repo, 'node_modules/sinon/lib')];
    const reusing = await collect(roots, { remote: true, chunk: { maxTokens: 100 } }, createNodeFs());
    const promised = await collect(roots, { remote: true, chunk: { maxTokens: 100 } }, createNodeFs({ blocking: false }));
    assert.ok(reusing.candidates.length > 200);
    assert.deepEqual(promised.candidates, reusing.candidates);
    assert.deepEqual(promised.report, reusing.report);
  });

  describe('secrets', () => {
    const key = ['gh', 'p_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
    const spec = { 'config.env': `NAME=demo\n\nGITHUB_TOKEN=${key}\n\nOTHER=1\n` };

    it('redacts likely secrets before text goes to a remote endpoint, keeping line ranges', async () => {
      const { candidates, report } = await collect([tree(spec)], { remote: true });
      assert.equal(candidates.length, 1);
      assert.equal(candidates[0]?.text, 'NAME=demo\n\nGITHUB_TOKEN=[redacted github-token]\n\nOTHER=1');
      assert.equal(only(report).secretsRedacted, 1);
      assert.deepEqual(describeCollection(report), ['redacted 1 likely secret (policy: redact)']);
    });

    it('leaves out passages holding likely secrets under the omit policy', async () => {
      const { candidates, report } = await collect([tree(spec)], { remote: true, secretPolicy: 'omit', chunk: { maxTokens: 8 } });
      assert.ok(candidates.length >= 2);
      assert.ok(candidates.every((c) => !c.text.includes('GITHUB_TOKEN')));
      assert.equal(only(report).passagesOmitted, 1);
    });

    it('lets text that stays on this machine through untouched', async () => {
      const { candidates, report } = await collect([tree(spec)], { remote: false });
      assert.ok(candidates[0]?.text.includes(key));
      assert.equal(report.secretPolicy, undefined);
    });
  });

  it('creates no candidates for an empty folder, and says so', async () => {
    const root = tree({});
    mkdirSync(path.join(root, 'empty'));
    const { candidates, report } = await collect([root]);
    assert.equal(candidates.length, 0);
    assert.deepEqual(describeCollection(report), [`no files in ${root}`]);
  });
});
