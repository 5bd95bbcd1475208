import * as assert from 'node:assert/strict';
import type { SourceFs } from '../../../src/sources/fs';
import { emptyRootReport } from '../../../src/sources/report';
import { addTitles, collectedFilePath } from '../../../src/sources/titling';
import type { Candidate } from '../../../src/core/types';

const PY = ['class Store:', '    def load(self):', '        return 1', '', '    def save(self):', '        return 2', ''].join('\n');
const MD = ['# Guide', '', '## Install', '', 'Run the installer.', ''].join('\n');

function fileSystem(files: Record<string, string>, reads: string[]): SourceFs {
  return {
    readDirectory: () => Promise.reject(new Error('not used')),
    stat: () => Promise.reject(new Error('not used')),
    readFile: async (path) => {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
  };
}

const passage = (path: string, startLine: number, endLine: number): Candidate => ({ id: `${path}:${startLine}`, text: '', source: { kind: 'file', path, range: { startLine, endLine } } });

describe('addTitles', () => {
  it('titles passages from their files, reading each file once', async () => {
    const reads: string[] = [];
    const candidates = [passage('store.py', 2, 3), passage('store.py', 5, 6), passage('guide.md', 5, 5)];
    await addTitles(fileSystem({ '/r/store.py': PY, '/r/guide.md': MD }, reads), candidates, (c) => `/r/${c.source.kind === 'file' ? c.source.path : ''}`, 1 << 20);
    assert.deepEqual(candidates.map((c) => c.title), ['class Store › load', 'class Store › save', 'Guide › Install']);
    assert.deepEqual(reads.sort(), ['/r/guide.md', '/r/store.py']);
  });

  it('leaves untitled what it cannot read or locate, and keeps a title already set', async () => {
    const kept = { ...passage('guide.md', 5, 5), title: 'given' };
    const candidates = [passage('gone.md', 1, 1), passage('nowhere.md', 1, 1), kept, { id: 'i', text: 't', source: { kind: 'input' as const, index: 0 } }];
    const reads: string[] = [];
    await addTitles(fileSystem({ '/r/guide.md': MD }, reads), candidates, (c) => (c.source.kind === 'file' && c.source.path !== 'nowhere.md' ? `/r/${c.source.path}` : undefined), 1 << 20);
    assert.deepEqual(candidates.map((c) => c.title), [undefined, undefined, 'given', undefined]);
    assert.deepEqual(reads, ['/r/gone.md']);
  });

  it('reads titles from the text with likely secrets redacted', async () => {
    const key = `sk_live_${'a1B2c3D4e5F6g7H8i9J0k1L2'}`;
    const md = [`# Deploy with ${key}`, '', 'Steps.', ''].join('\n');
    const candidates = [passage('deploy.md', 3, 3)];
    await addTitles(fileSystem({ '/deploy.md': md }, []), candidates, () => '/deploy.md', 1 << 20);
    assert.ok(candidates[0]?.title?.startsWith('Deploy with '), candidates[0]?.title);
    assert.ok(!candidates[0]?.title?.includes(key));
  });
});

describe('collectedFilePath', () => {
  it('joins a folder root and the relative path, by the root label; a file root is its own path', () => {
    const roots = [emptyRootReport('/w/app', 'app', false), emptyRootReport('/w/notes.md', 'notes.md', true)];
    const locate = collectedFilePath({ roots });
    assert.equal(locate({ id: 'a', text: '', source: { kind: 'file', path: 'src/a.ts', root: 'app' } }), '/w/app/src/a.ts');
    assert.equal(locate({ id: 'b', text: '', source: { kind: 'file', path: 'notes.md', root: 'notes.md' } }), '/w/notes.md');
    assert.equal(locate({ id: 'c', text: '', source: { kind: 'file', path: 'x', root: 'other' } }), undefined);
    assert.equal(collectedFilePath({ roots: [emptyRootReport('/one', '', false)] })({ id: 'd', text: '', source: { kind: 'file', path: 'y.md' } }), '/one/y.md');
  });
});
