// Real folders on disk for the file-source tests: a spec of paths -> contents (text, bytes, or a
// symlink target), written under a fresh folder in the OS temp directory.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export type TreeSpec = Record<string, string | Uint8Array | { symlink: string }>;

export function makeTree(spec: TreeSpec): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rerank-sources-'));
  for (const [relative, content] of Object.entries(spec)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) symlinkSync(content.symlink, full);
    else writeFileSync(full, content);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** `tree(spec)`: makeTree, with every folder it made removed after each test (of the describe, or the file, where it is called). */
export function treesRemovedAfterEach(): (spec: TreeSpec) => string {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach(removeTree));
  return (spec) => {
    const root = makeTree(spec);
    roots.push(root);
    return root;
  };
}
