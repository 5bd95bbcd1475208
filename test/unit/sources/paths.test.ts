import * as assert from 'node:assert/strict';
import { isPathWithin, isWithinBounds } from '../../../src/sources/fs';

describe('isPathWithin', () => {
  it('holds for the folder itself and anything below it', () => {
    assert.equal(isPathWithin('/work/project', '/work/project'), true);
    assert.equal(isPathWithin('/work/project', '/work/project/src/a.ts'), true);
    assert.equal(isPathWithin('/work/project/', '/work/project/src'), true);
  });

  it('does not hold for a sibling that shares the folder name as a prefix, or for anything above', () => {
    assert.equal(isPathWithin('/work/project', '/work/project-secrets/key.txt'), false);
    assert.equal(isPathWithin('/work/project', '/work'), false);
    assert.equal(isPathWithin('/work/project', '/home/user/.aws/credentials'), false);
    assert.equal(isPathWithin('/', '/etc/passwd'), true, 'the root folder holds everything');
  });

  it('ignores case only when asked (Windows file systems)', () => {
    assert.equal(isPathWithin('/c:/Users/Me/Project', '/c:/users/me/project/a.txt'), false);
    assert.equal(isPathWithin('/c:/Users/Me/Project', '/c:/users/me/project/a.txt', true), true);
  });
});

describe('isWithinBounds', () => {
  it('compares Windows real paths (drive letter or UNC share) without case, on any host', () => {
    assert.equal(isWithinBounds(['C:\\Users\\Me\\Project'], 'c:\\users\\me\\project\\a.txt'), true);
    assert.equal(isWithinBounds(['\\\\Server\\Share'], '\\\\server\\share\\a.txt'), true);
    assert.equal(isWithinBounds(['C:\\Users\\Me\\Project'], 'C:\\Users\\Me\\Other\\a.txt'), false);
  });

  it('compares POSIX real paths with case', () => {
    assert.equal(isWithinBounds(['/work/Project'], '/work/project/a.txt'), false);
    assert.equal(isWithinBounds(['/work/Project'], '/work/Project/a.txt'), true);
  });
});
