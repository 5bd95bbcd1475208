// The @rerank chat participant in the real extension host, ranking the real workspace offline.
// A chat turn needs a language model provider (Copilot), which cannot run here, so the test stands
// in for the chat view: it calls the handler rerank registered with VS Code, as the chat view
// would, with a request that carries the user's prompt and a response stream that records what
// the participant writes. Everything behind the handler is the extension's own code.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { observed } from '../host/observe';
import { setUserSettings } from '../host/workbench';

interface Recorded {
  markdown: string[];
  progress: string[];
  references: (vscode.Uri | vscode.Location)[];
}

/** The chat view's side of a turn: the prompt in, what the participant streams back out. */
async function ask(prompt: string, token = new vscode.CancellationTokenSource().token): Promise<Recorded> {
  const handler = observed.chatHandler;
  assert.ok(handler, 'rerank registered its @rerank chat participant');
  const recorded: Recorded = { markdown: [], progress: [], references: [] };
  const stream = {
    markdown: (value: string | vscode.MarkdownString) => void recorded.markdown.push(typeof value === 'string' ? value : value.value),
    progress: (value: string) => void recorded.progress.push(value),
    reference: (value: vscode.Uri | vscode.Location) => void recorded.references.push(value),
  } as unknown as vscode.ChatResponseStream;
  const request = { prompt, command: undefined, references: [], toolReferences: [] } as unknown as vscode.ChatRequest;
  await handler(request, { history: [] }, stream, token);
  return recorded;
}

/** The line the extension logs for each finished run. */
const isRunLine = (line: string) => line.startsWith('info: run "');

const pathOf = (reference: vscode.Uri | vscode.Location) => vscode.workspace.asRelativePath(reference instanceof vscode.Location ? reference.uri : reference);

describe('@rerank chat participant, offline (BM25)', function () {
  before(async function () {
    await setUserSettings({ 'rerank.provider': 'local' });
    await vscode.extensions.getExtension('rerank-dev.rerank')?.activate();
  });

  after(async function () {
    await setUserSettings({ 'rerank.provider': undefined });
  });

  it('answers an empty prompt with how to ask, and ranks nothing', async function () {
    const logged = observed.log.length;
    const turn = await ask('   ');
    assert.equal(turn.markdown.length, 1);
    assert.match(turn.markdown[0] ?? '', /Ask `@rerank` a question/);
    assert.deepEqual(turn.references, []);
    assert.deepEqual(observed.log.slice(logged).filter(isRunLine), [], 'no run was logged');
  });

  it('ranks the workspace for the prompt: progress, the passages as references, best first, and the prompt context', async function () {
    const logged = observed.log.length;
    const turn = await ask('exponential backoff with jitter for a retryable request');
    assert.equal(observed.log.slice(logged).filter(isRunLine).length, 1, 'one run was logged');
    assert.match(turn.progress[0] ?? '', /^Ranking the workspace with local/);
    assert.ok(turn.references.length > 0, 'the ranked passages are referenced');
    assert.equal(pathOf(turn.references[0] as vscode.Location), 'docs/retries.md', 'the best passage comes first');
    const location = turn.references[0] as vscode.Location;
    assert.ok(location instanceof vscode.Location, 'a reference points at the lines of the passage');
    const context = turn.markdown.join('');
    assert.match(context, /^# Context for: exponential backoff with jitter for a retryable request\n/);
    const first = context.split(/^## 2\. /m)[0] ?? '';
    assert.match(first, /## 1\. docs\/retries\.md:\d+-\d+/);
    assert.match(first, /The wait doubles after every\s+attempt \(exponential backoff\)/, 'the best passage is the one about backoff');
  });

  it('stops quietly when the chat turn is cancelled: no ranking, no context, no error message', async function () {
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    const turn = await ask('exponential backoff with jitter', source.token);
    assert.deepEqual(turn.references, [], 'nothing was ranked');
    assert.deepEqual(turn.markdown, [], 'nothing was written to the chat');
  });
});
