import * as assert from 'node:assert/strict';
import type { excludeGlobFor as ExcludeGlobFor } from '../../../../src/vscode/workspace/limitActions';
import { compileGlobs } from '../../../../src/sources/globs';
import { requireWithoutVscode } from '../../../support/withoutVscode';

const { excludeGlobFor } = requireWithoutVscode<{ excludeGlobFor: typeof ExcludeGlobFor }>('src/vscode/workspace/limitActions');

describe('the exclude a reached limit offers', () => {
  it('is anchored to the workspace folder and names the folder literally, glob characters too', () => {
    assert.equal(excludeGlobFor('fixtures/data'), '/fixtures/data');
    const matches = compileGlobs([excludeGlobFor('data/a[1]')]);
    assert.equal(matches?.('data/a[1]/f.txt'), true, 'the folder offered');
    assert.equal(matches?.('data/a1/f.txt'), false, 'a folder the unescaped glob would name');
    assert.equal(compileGlobs([excludeGlobFor('gen/{x,y}')])?.('gen/{x,y}/f.txt'), true);
  });
});
