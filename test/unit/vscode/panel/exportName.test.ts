import * as assert from 'node:assert/strict';
import { exportFolder, rememberedFolder } from '../../../../src/vscode/panel/exportName';

const HOME = 'file:///home/ada';
const WORKSPACE = 'file:///home/ada/project';

describe('where the export dialog opens', () => {
  it('opens in the folder of the last export', () => {
    assert.equal(exportFolder('file:///home/ada/reports', WORKSPACE, HOME), 'file:///home/ada/reports');
  });

  it('opens in the workspace folder before any export (or when the last folder is gone)', () => {
    assert.equal(exportFolder(undefined, WORKSPACE, HOME), WORKSPACE);
  });

  it('opens in the home folder in a window without a folder', () => {
    assert.equal(exportFolder(undefined, undefined, HOME), HOME);
  });

  it('reads back a remembered folder as it was stored, a remote one too', () => {
    for (const uri of ['file:///home/ada/reports', 'file:///c%3A/Users/ada/My%20Reports', 'vscode-remote://ssh-remote%2Bbox/home/ada/out']) assert.equal(rememberedFolder(uri), uri);
  });

  it('ignores a remembered value that is not a folder URI (a damaged or older store)', () => {
    for (const value of [undefined, null, 42, '', 'reports', '/home/ada/reports', { path: '/x' }, 'file:///a b']) assert.equal(rememberedFolder(value), undefined, String(value));
  });
});
