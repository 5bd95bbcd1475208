import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { rebasePattern } from '../../../src/sources/ignore';
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
    const glob = picomatch(names.flatMap((n) => [`**/${n}`, `**/${n}/**`]), { dot: true });
    const paths = ['.git', '.git/', '.git/config', 'a/.git', 'a/.git/b/c', 'a/.gitx', 'x.git', 'node_modules/p/i.js', 'src/node_modules', 'node_modules_x/a'];
    for (const p of [...paths, 'Thumbs.db', 'd/Thumbs.db', 'Thumbs.dbx', 'a b/c', 'a bc', 'src/a.ts', '', 'a.b', 'q/a.b/r', 'axb', 'q/axb', 'c$d/e', 'cd', 'x^y', 'xy']) {
      assert.equal(match(p), glob(p), p);
    }
  });

  it('gives no matcher for no patterns', () => {
    assert.equal(compileGlobs([]), undefined);
    assert.equal(compileGlobs(['  ']), undefined);
  });
});
