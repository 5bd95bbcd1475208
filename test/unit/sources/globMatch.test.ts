import * as assert from 'node:assert/strict';
import { globMatchesWhole, globPrefixMatches, parseGlob } from '../../../src/sources/globMatch';

const matches = (pattern: string, path: string, nocase = false): boolean => globMatchesWhole(parseGlob(pattern, { braces: true, nocase }), path.split('/'));

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
