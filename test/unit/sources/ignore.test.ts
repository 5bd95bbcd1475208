import * as assert from 'node:assert/strict';
import { ignoredBy, parseRule, rebasePattern, type IgnoreLayer } from '../../../src/sources/ignore';
import { compileGlobs, matchesFolder } from '../../../src/sources/globs';

describe('rebasePattern', () => {
  it('keeps root patterns as they are and drops blanks and comments', () => {
    assert.equal(rebasePattern('*.log', ''), '*.log');
    assert.equal(rebasePattern('   ', 'sub/'), undefined);
    assert.equal(rebasePattern('# note', 'sub/'), undefined);
  });

  it('anchors patterns with a slash to their folder and lets the others match at any depth', () => {
    assert.equal(rebasePattern('*.log', 'sub/'), 'sub/**/*.log');
    assert.equal(rebasePattern('/only-here.txt', 'sub/'), 'sub/only-here.txt');
    assert.equal(rebasePattern('docs/api', 'sub/'), 'sub/docs/api');
    assert.equal(rebasePattern('build/', 'sub/'), 'sub/**/build/');
    assert.equal(rebasePattern('!keep.log', 'a/b/'), '!a/b/**/keep.log');
    assert.equal(rebasePattern('**/tmp', 'sub/'), 'sub/**/tmp');
    assert.equal(rebasePattern('trailing.txt  ', 'sub/'), 'sub/**/trailing.txt');
  });
});

describe('compileGlobs', () => {
  it('matches a pattern without a slash at any depth, and everything under what it names', () => {
    const match = compileGlobs(['*.ts', 'docs']) as (p: string) => boolean;
    assert.ok(match('a.ts') && match('src/deep/b.ts') && match('docs/x.md') && match('src/docs/y.md'));
    assert.ok(!match('a.js') && !match('documents/x.md'));
  });

  it('anchors a pattern with a leading slash or an inner slash to the root', () => {
    const match = compileGlobs(['/top.md', 'src/*.js']) as (p: string) => boolean;
    assert.ok(match('top.md') && !match('sub/top.md'));
    assert.ok(match('src/a.js') && !match('src/deep/a.js') && !match('lib/src/a.js'));
  });

  it('takes braces and dot files, and a trailing slash for folders only', () => {
    const match = compileGlobs(['**/*.{ts,js}', 'build/']) as (p: string) => boolean;
    assert.ok(match('.github/x.js') && match('a/b.ts'));
    assert.ok(matchesFolder(match, 'build') && matchesFolder(match, 'pkg/build'));
    assert.ok(!match('build'), 'a file named build');
  });

  it('matches a plain name, or **/name, exactly where its glob matches: as any segment of the path', () => {
    // (Names with characters a regular expression would read: the dot of 'a.b' must not match 'axb'.)
    const names = ['.git', 'node_modules', 'Thumbs.db', 'a b', 'a.b', 'c$d', 'x^y'];
    const match = compileGlobs(names.flatMap((n) => [n, `**/${n}`])) as (p: string) => boolean;
    // What picomatch gave for "**/name" and "**/name/**".
    const matched = ['.git', '.git/', '.git/config', 'a/.git', 'a/.git/b/c', 'node_modules/p/i.js', 'src/node_modules', 'Thumbs.db', 'd/Thumbs.db', 'a b/c', 'a.b', 'q/a.b/r', 'c$d/e', 'x^y'];
    const unmatched = ['a/.gitx', 'x.git', 'node_modules_x/a', 'Thumbs.dbx', 'a bc', 'src/a.ts', '', 'axb', 'q/axb', 'cd', 'xy'];
    for (const p of matched) assert.equal(match(p), true, p);
    for (const p of unmatched) assert.equal(match(p), false, p);
  });

  it('gives no matcher for no patterns', () => {
    assert.equal(compileGlobs([]), undefined);
    assert.equal(compileGlobs(['  ']), undefined);
  });
});

/** A layer of the rules of `files` ([folder prefix, lines]) in order, as the walk builds it. */
function layerOf(files: [string, string[]][]): IgnoreLayer {
  const rules = files.flatMap(([prefix, lines]) => lines.map((line) => rebasePattern(line, prefix)).filter((p) => p !== undefined)).map((p) => parseRule(p, 'gitignore'));
  return { rules };
}

/** Whether the walk leaves `path` out: it or a folder above it is ignored (the walk never enters an ignored folder). */
function walkIgnores(layer: IgnoreLayer, path: string, isFolder: boolean): boolean {
  const segments = path.split('/');
  for (let i = 1; i <= segments.length; i++) if (ignoredBy(layer, segments.slice(0, i).join('/'), i < segments.length || isFolder)) return true;
  return false;
}

describe('ignoredBy', () => {
  const layer = layerOf([
    ['', ['*.log', 'build/', '/top.txt', 'docs/api', '**/tmp', 'a/**', 'x/**/y', '\\#hash', '\\!bang', '*.[ch]', 'Cache', 'sp\\ ace', 'q?.md', '[!a]b', 'deep/*/z', 'trailing/**/']],
    ['sub/', ['!keep.log', 'local.txt', '/anch', 'inner/', '!build/', 'n/*.md']],
  ]);
  const paths = ['a.log', 'x/a.log', 'sub/keep.log', 'sub/other.log', 'build', 'build/o.js', 'x/build', 'sub/build', 'sub/build/o.js', 'top.txt', 'x/top.txt', 'docs/api', 'docs/api/r.md', 'x/docs/api', 'tmp', 'q/tmp', 'a', 'a/b', 'a/b/c', 'x/y', 'x/m/n/y', '#hash', '!bang', 'f.c', 'f.h', 'f.cc', 'cache', 'CACHE/x', 'sp ace', 'q1.md', 'q12.md', 'bb', 'ab', 'deep/m/z', 'deep/z', 'trailing', 'trailing/x', 'trailing/x/y', 'sub/local.txt', 'local.txt', 'sub/anch', 'sub/q/anch', 'sub/inner', 'sub/q/inner', 'sub/n/a.md', 'sub/n/m/a.md', 'A.LOG'];
  // What the `ignore` package (7.0.16, the one eslint uses) answered for these rules; a "/" marks a folder.
  const IGNORED = new Set(['a.log', 'a.log/', 'x/a.log', 'x/a.log/', 'sub/other.log', 'sub/other.log/', 'build/', 'build/o.js', 'build/o.js/', 'x/build/', 'top.txt', 'top.txt/', 'docs/api', 'docs/api/', 'docs/api/r.md', 'docs/api/r.md/', 'tmp', 'tmp/', 'q/tmp', 'q/tmp/', 'a/b', 'a/b/', 'a/b/c', 'a/b/c/', 'x/y', 'x/y/', 'x/m/n/y', 'x/m/n/y/', '#hash', '#hash/', '!bang', '!bang/', 'f.c', 'f.c/', 'f.h', 'f.h/', 'cache', 'cache/', 'CACHE/x', 'CACHE/x/', 'sp ace', 'sp ace/', 'q1.md', 'q1.md/', 'bb', 'bb/', 'deep/m/z', 'deep/m/z/', 'trailing/x/', 'trailing/x/y', 'trailing/x/y/', 'sub/local.txt', 'sub/local.txt/', 'sub/anch', 'sub/anch/', 'sub/inner/', 'sub/q/inner/', 'sub/n/a.md', 'sub/n/a.md/', 'A.LOG', 'A.LOG/']);

  it('ignores what the ignore package ignored, files and folders, nested files and negation included', () => {
    for (const path of paths) {
      for (const isFolder of [false, true]) {
        const name = isFolder ? `${path}/` : path;
        assert.equal(walkIgnores(layer, path, isFolder), IGNORED.has(name), name);
      }
    }
  });

  it('names the ignore file whose rule decided', () => {
    const both: IgnoreLayer = { rules: [parseRule('*.md', 'gitignore'), parseRule('drafts/', 'rerankignore'), parseRule('!keep.md', 'rerankignore')] };
    assert.equal(ignoredBy(both, 'a.md', false), 'gitignore');
    assert.equal(ignoredBy(both, 'drafts', true), 'rerankignore');
    assert.equal(ignoredBy(both, 'keep.md', false), undefined);
  });

  it('answers a pattern that backtracks in a regular expression against a 64-folder path at once', function () {
    this.timeout(2000);
    const deep = layerOf([['', ['**/a/**/a/**/a/**/a/**/a/**/a/**/b', '*a*a*a*a*a*a*b']]]);
    const path = Array(64).fill('a').join('/');
    assert.equal(walkIgnores(deep, path, false), false);
    assert.equal(walkIgnores(deep, `${path}/b`, false), true);
    assert.equal(ignoredBy(deep, 'a'.repeat(10_000), false), undefined);
  });
});
