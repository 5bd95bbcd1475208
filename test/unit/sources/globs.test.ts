import * as assert from 'node:assert/strict';
import { compileGlobs, matchesFolder } from '../../../src/sources/globs';

// Paths each pattern of the table is tried on; a trailing "/" marks a folder.
const PATHS = ['a.ts', 'src/a.ts', 'src/deep/b.ts', 'src', 'src/', 'src/a.js', 'src/deep/a.js', 'lib/src/a.js', 'docs/api', 'docs/api/x.md', 'docs/apix', 'top.md', 'sub/top.md', 'a.js', 'lib/x/y.js', 'lib/a/r.md', 'lib/b/c/r.md', 'lib/b/r.md', 'test/x.ts', 'a/test/b/c.ts', 'test', 'abc', 'a/abc', 'abcd', 'a.md', 'bc.md', 'c.md', 'bx', 'ax', 'dx', 'build', 'build/', 'build/out.js', 'p/build/', 'p/build/o.js', 'p/build', '.github/w.yml', '.github', '.eslintrc', 'x/.npmrc', 'x/y', 'x/q/r/y', 'x/y/z', 'a/b/c', 'a/x/b/y/c', 'a/b/c/d', 'aXb', 'ab', 'a/b', 'a.min.js', 'q/a.min.css', 'node_modules/@t/n/i.d.ts', 'node_modules/x.d.ts', 'bd', 'cd', 'd', 'gen', 'gen/', 'gen/a/', 'gen/a/b.ts', 'dir/sub dir/f.txt', 'a/b.ts', 'a.b.ts'];

// Each pattern with the paths it matched when globs were compiled by picomatch (4.0.7, dot: true,
// the pattern and "pattern/**"): the matcher keeps those semantics.
const PICOMATCH_RESULTS: [string, string[]][] = [
  ['*.ts', ['a.ts','src/a.ts','src/deep/b.ts','test/x.ts','a/test/b/c.ts','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','gen/a/b.ts','a/b.ts','a.b.ts']],
  ['**/*.ts', ['a.ts','src/a.ts','src/deep/b.ts','test/x.ts','a/test/b/c.ts','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','gen/a/b.ts','a/b.ts','a.b.ts']],
  ['src', ['src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js','lib/src/a.js']],
  ['/src', ['src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js']],
  ['src/', ['src/a.ts','src/deep/b.ts','src/','src/a.js','src/deep/a.js','lib/src/a.js']],
  ['src/*.js', ['src/a.js']],
  ['src/**/*.js', ['src/a.js','src/deep/a.js']],
  ['docs/api', ['docs/api','docs/api/x.md']],
  ['/top.md', ['top.md']],
  ['*.{ts,js}', ['a.ts','src/a.ts','src/deep/b.ts','src/a.js','src/deep/a.js','lib/src/a.js','a.js','lib/x/y.js','test/x.ts','a/test/b/c.ts','build/out.js','p/build/o.js','a.min.js','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','gen/a/b.ts','a/b.ts','a.b.ts']],
  ['{src,lib}/**', ['src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js','lib/src/a.js','lib/x/y.js','lib/a/r.md','lib/b/c/r.md','lib/b/r.md']],
  ['lib/{a,b/c}/*.md', ['lib/a/r.md','lib/b/c/r.md']],
  ['**/test/**', ['test/x.ts','a/test/b/c.ts','test']],
  ['a?c', ['abc','a/abc']],
  ['[ab]*.md', ['a.md','bc.md']],
  ['[a-c]x', ['bx','ax']],
  ['[^a]x', ['bx','dx']],
  ['build/', ['build/','build/out.js','p/build/','p/build/o.js']],
  ['**/build/', ['build/','build/out.js','p/build/','p/build/o.js']],
  ['*', ['a.ts','src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js','lib/src/a.js','docs/api','docs/api/x.md','docs/apix','top.md','sub/top.md','a.js','lib/x/y.js','lib/a/r.md','lib/b/c/r.md','lib/b/r.md','test/x.ts','a/test/b/c.ts','test','abc','a/abc','abcd','a.md','bc.md','c.md','bx','ax','dx','build','build/','build/out.js','p/build/','p/build/o.js','p/build','.github/w.yml','.github','.eslintrc','x/.npmrc','x/y','x/q/r/y','x/y/z','a/b/c','a/x/b/y/c','a/b/c/d','aXb','ab','a/b','a.min.js','q/a.min.css','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','bd','cd','d','gen','gen/','gen/a/','gen/a/b.ts','dir/sub dir/f.txt','a/b.ts','a.b.ts']],
  ['**', ['a.ts','src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js','lib/src/a.js','docs/api','docs/api/x.md','docs/apix','top.md','sub/top.md','a.js','lib/x/y.js','lib/a/r.md','lib/b/c/r.md','lib/b/r.md','test/x.ts','a/test/b/c.ts','test','abc','a/abc','abcd','a.md','bc.md','c.md','bx','ax','dx','build','build/','build/out.js','p/build/','p/build/o.js','p/build','.github/w.yml','.github','.eslintrc','x/.npmrc','x/y','x/q/r/y','x/y/z','a/b/c','a/x/b/y/c','a/b/c/d','aXb','ab','a/b','a.min.js','q/a.min.css','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','bd','cd','d','gen','gen/','gen/a/','gen/a/b.ts','dir/sub dir/f.txt','a/b.ts','a.b.ts']],
  ['**/*', ['a.ts','src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js','lib/src/a.js','docs/api','docs/api/x.md','docs/apix','top.md','sub/top.md','a.js','lib/x/y.js','lib/a/r.md','lib/b/c/r.md','lib/b/r.md','test/x.ts','a/test/b/c.ts','test','abc','a/abc','abcd','a.md','bc.md','c.md','bx','ax','dx','build','build/','build/out.js','p/build/','p/build/o.js','p/build','.github/w.yml','.github','.eslintrc','x/.npmrc','x/y','x/q/r/y','x/y/z','a/b/c','a/x/b/y/c','a/b/c/d','aXb','ab','a/b','a.min.js','q/a.min.css','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','bd','cd','d','gen','gen/','gen/a/','gen/a/b.ts','dir/sub dir/f.txt','a/b.ts','a.b.ts']],
  ['*.min.*', ['a.min.js','q/a.min.css']],
  ['x/**/y', ['x/y','x/q/r/y','x/y/z']],
  ['.github', ['.github/w.yml','.github']],
  ['.*', ['.github/w.yml','.github','.eslintrc','x/.npmrc']],
  ['**/.*rc', ['.eslintrc','x/.npmrc']],
  ['a/**/b/**/c', ['a/b/c','a/x/b/y/c','a/b/c/d']],
  ['*a*b', ['aXb','ab']],
  ['*/*', ['src/a.ts','src/deep/b.ts','src/a.js','src/deep/a.js','lib/src/a.js','docs/api','docs/api/x.md','docs/apix','sub/top.md','lib/x/y.js','lib/a/r.md','lib/b/c/r.md','lib/b/r.md','test/x.ts','a/test/b/c.ts','a/abc','build/out.js','p/build/','p/build/o.js','p/build','.github/w.yml','x/.npmrc','x/y','x/q/r/y','x/y/z','a/b/c','a/x/b/y/c','a/b/c/d','a/b','q/a.min.css','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','gen/a/','gen/a/b.ts','dir/sub dir/f.txt','a/b.ts']],
  ['node_modules/**/*.d.ts', ['node_modules/@t/n/i.d.ts','node_modules/x.d.ts']],
  ['{a,{b,c}d}', ['lib/a/r.md','a/test/b/c.ts','a/abc','a/b/c','a/x/b/y/c','a/b/c/d','a/b','bd','cd','gen/a/','gen/a/b.ts','a/b.ts']],
  ['gen/**/', ['gen/','gen/a/','gen/a/b.ts']],
  ['*.[jt]s', ['a.ts','src/a.ts','src/deep/b.ts','src/a.js','src/deep/a.js','lib/src/a.js','a.js','lib/x/y.js','test/x.ts','a/test/b/c.ts','build/out.js','p/build/o.js','a.min.js','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','gen/a/b.ts','a/b.ts','a.b.ts']],
  ['dir/sub dir/*', ['dir/sub dir/f.txt']],
  ['.\\src\\a.ts', ['src/a.ts']],
  ['./src', ['src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js','lib/src/a.js']],
  ['src/**', ['src/a.ts','src/deep/b.ts','src','src/','src/a.js','src/deep/a.js']],
  ['a**b', ['aXb','ab']],
  ['***.ts', ['a.ts','src/a.ts','src/deep/b.ts','test/x.ts','a/test/b/c.ts','node_modules/@t/n/i.d.ts','node_modules/x.d.ts','gen/a/b.ts','a/b.ts','a.b.ts']],
];

describe('compileGlobs against the results picomatch gave', () => {
  for (const [pattern, matched] of PICOMATCH_RESULTS) {
    it(`matches ${pattern} where picomatch did`, () => {
      const match = compileGlobs([pattern]) as (p: string) => boolean;
      assert.deepEqual(PATHS.filter((p) => match(p)), matched);
      // A folder is matched when the path, or the path as a folder, is.
      for (const p of PATHS.filter((q) => !q.endsWith('/'))) assert.equal(matchesFolder(match, p), matched.includes(p) || matched.includes(`${p}/`), p);
    });
  }
});

describe('compileGlobs on patterns that backtrack in a regular expression', () => {
  it('answers *a*a*a*a*a*a*b against a 64-character name at once', function () {
    this.timeout(2000);
    const match = compileGlobs(['*a*a*a*a*a*a*b']) as (p: string) => boolean;
    assert.equal(match('a'.repeat(64)), false);
    assert.equal(match(`src/${'a'.repeat(63)}b`), true);
  });

  it('answers it against a 10,000-character name at once', function () {
    this.timeout(2000);
    const match = compileGlobs(['*a*a*a*a*a*a*b', 'x/**/*a*a*a*a*a*a*b/**']) as (p: string) => boolean;
    assert.equal(match('a'.repeat(10_000)), false);
    assert.equal(match(`x/${Array(5000).fill('a').join('/')}`), false);
    assert.equal(match(`${'a'.repeat(9_999)}b`), true);
  });

  it('refuses braces that expand beyond the cap, naming the glob', () => {
    assert.throws(() => compileGlobs(['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}']), /the glob "\{a,b\}.*" expands to more than 256 alternatives through its \{a,b\} braces/);
    assert.ok(compileGlobs(['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}']), '256 alternatives are fine');
  });
});
