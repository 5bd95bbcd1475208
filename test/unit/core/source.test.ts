import * as assert from 'node:assert/strict';
import { baseName, locationLabel, pathInFolder, sourceFolder } from '../../../src/core/source';

describe('locationLabel', () => {
  it('names a file result by its file name and lines', () => {
    assert.equal(locationLabel({ kind: 'file', path: 'src/vscode/results/provider.ts', range: { startLine: 84, endLine: 100 } }), 'provider.ts:84-100');
    assert.equal(locationLabel({ kind: 'file', path: 'README.md' }), 'README.md');
  });

  it('names a selection block by the document and lines it came from, not its block number', () => {
    assert.equal(locationLabel({ kind: 'selection', uri: 'file:///home/me/docs/my%20notes.md', block: 4, range: { startLine: 9, endLine: 10 } }), 'my notes.md:9-10');
  });

  it('numbers command-line input', () => {
    assert.equal(locationLabel({ kind: 'input', index: 3 }), '#3');
  });
});

describe('sourceFolder', () => {
  it('is the folder of a file result, with its root when several were collected', () => {
    assert.equal(sourceFolder({ kind: 'file', path: 'src/core/a.ts' }), 'src/core');
    assert.equal(sourceFolder({ kind: 'file', path: 'a.ts', root: 'api' }), 'api');
    assert.equal(sourceFolder({ kind: 'file', path: 'a.ts' }), '');
  });
});

describe('baseName', () => {
  it('keeps a name whose escapes do not decode', () => {
    assert.equal(baseName('file:///x/100%'), '100%');
  });
});

describe('pathInFolder', () => {
  it('gives a file in a subfolder its path from the workspace folder', () => {
    assert.equal(pathInFolder('/w/proj', '/w/proj/src/core/engine.ts'), 'src/core/engine.ts');
    assert.equal(pathInFolder('/w/proj/', '/w/proj/a.ts'), 'a.ts');
  });

  it('is undefined for a file outside the folder, a sibling with the same prefix too', () => {
    assert.equal(pathInFolder('/w/proj', '/w/project2/a.ts'), undefined);
  });
});
