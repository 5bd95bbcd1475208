// Activation and commands, in the real extension host: lazy activation, the first command wakes
// the extension, and every command package.json contributes is registered.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, observed } from '../host/observe';

interface Manifest {
  activationEvents?: string[];
  contributes: { commands: { command: string }[] };
}

describe('activation and commands', function () {
  const extension = () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is the extension under development`);
    return found;
  };

  it('is not active before it is used, and asks for no start-up activation', function () {
    assert.equal(observed.activeAtStart, false, 'rerank was already active when the suite started');
    const events = (extension().packageJSON as Manifest).activationEvents ?? [];
    assert.deepEqual(events.filter((e) => e === '*' || e === 'onStartupFinished'), []);
  });

  it('activates on its first command, creating the "Rerank" log and the Results tree', async function () {
    await vscode.commands.executeCommand('rerank.showLog');
    assert.equal(extension().isActive, true);
    assert.equal(observed.logCreated, true, 'the "Rerank" log channel was created');
    assert.ok(observed.tree, 'the rerank.results tree view was created');
  });

  it('registers every command in contributes.commands', async function () {
    await extension().activate();
    const contributed = (extension().packageJSON as Manifest).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 10, `package.json lists ${contributed.length} commands`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered');
  });
});
