// package.json as VS Code shows it in English: every `%key%` replaced by its text in
// package.nls.json, for tests that read titles and descriptions.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

export function localizedManifest(): unknown {
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const text = readFileSync(path.join(root, 'package.json'), 'utf8');
  return JSON.parse(text, (_key, value: unknown) => {
    const m = typeof value === 'string' ? /^%(.+)%$/.exec(value) : null;
    return m?.[1] !== undefined && m[1] in nls ? nls[m[1]] : value;
  });
}
