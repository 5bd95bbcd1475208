import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import { expandBraces, globMatchesWhole, globPrefixMatches, MAX_BRACE_ALTERNATIVES, parseGlob } from '../../../src/sources/globMatch';

const matches = (pattern: string, path: string, nocase = false): boolean => globMatchesWhole(parseGlob(pattern, { braces: true, nocase }), path.split('/'));

describe('expandBraces', () => {
  it('expands alternatives, nested ones too, and keeps a group without a comma or a closing brace as text', () => {
    assert.deepEqual(expandBraces('a{b,c}d'), ['abd', 'acd']);
    assert.deepEqual(expandBraces('{x,y{1,2}}/z'), ['x/z', 'y1/z', 'y2/z']);
    assert.deepEqual(expandBraces('{a}'), ['{a}']);
    assert.deepEqual(expandBraces('a{b,c'), ['a{b,c']);
    assert.deepEqual(expandBraces('\\{a,b}'), ['\\{a,b}']);
    assert.deepEqual(expandBraces('{,x}y'), ['y', 'xy']);
  });

  it(`allows ${MAX_BRACE_ALTERNATIVES} alternatives and refuses more with a bad-input error, before expanding them`, function () {
    this.timeout(2000);
    assert.equal(expandBraces('{a,b}'.repeat(8)).length, 256);
    for (const pattern of ['{a,b}'.repeat(9), '{a,b}'.repeat(5000), `{${Array(300).fill('x').join(',')}}`]) {
      assert.throws(() => expandBraces(pattern), (err: unknown) => err instanceof RerankError && err.kind === 'bad-input' && /more than 256 alternatives/.test(err.message));
    }
    assert.throws(() => expandBraces(`${'{a,'.repeat(17)}b${'}'.repeat(17)}`), /nests braces more than 16 deep/);
  });

  it('reads many unclosed braces as text at once', function () {
    this.timeout(2000);
    assert.deepEqual(expandBraces(`${'{a,'.repeat(5000)}b`), [`${'{a,'.repeat(5000)}b`]);
  });
});

describe('parseGlob and the matching functions', () => {
  it('matches *, ? and classes within one segment, never across "/"', () => {
    assert.ok(matches('*.ts', 'a.ts') && matches('*.ts', '.ts') && !matches('*.ts', 'a/b.ts'));
    assert.ok(matches('a?c', 'abc') && !matches('a?c', 'ac') && !matches('a?c', 'a/c'));
    assert.ok(matches('[a-c]x', 'bx') && !matches('[a-c]x', 'dx'));
    assert.ok(matches('[!a]x', 'bx') && !matches('[!a]x', 'ax') && matches('[^a]x', 'bx'));
    assert.ok(matches('[]a]', ']') && matches('[[:digit:]]z', '7z') && !matches('[[:digit:]]z', 'az'));
    assert.ok(matches('[abc', '[abc'), 'an unterminated class is literal text');
    assert.ok(matches('\\*x', '*x') && !matches('\\*x', 'ax'), 'a backslash escapes');
    assert.ok(matches('+(a|b)', '+(a|b)'), 'extglob characters are literals');
  });

  it('matches ** as any number of segments, none included', () => {
    assert.ok(matches('a/**/b', 'a/b') && matches('a/**/b', 'a/x/y/b') && !matches('a/**/b', 'a/x/c'));
    assert.ok(matches('**', 'x/y/z') && matches('**/z', 'z'));
    assert.ok(matches('a**b', 'axxb') && !matches('a**b', 'ax/b'), '** inside a segment is a *');
  });

  it('compares letters without case when asked', () => {
    assert.ok(!matches('*.LOG', 'a.log') && matches('*.LOG', 'a.log', true) && matches('[A-C].md', 'b.md', true));
  });

  it('tells which leading parts of a path a glob matches', () => {
    assert.deepEqual([...globPrefixMatches(parseGlob('src/*', { braces: false, nocase: false }), ['src', 'a', 'b'])], [0, 0, 1, 0]);
  });

  it('matches a long name against a pattern of many stars in linear time', function () {
    this.timeout(2000);
    const stars = `${'*a'.repeat(50)}*b`;
    assert.equal(matches(stars, 'a'.repeat(10_000)), false);
    assert.equal(matches(stars, `${'a'.repeat(10_000)}b`), true);
  });
});
