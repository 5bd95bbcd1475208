// Loads a src/vscode module in plain Node for a unit test of its vscode-free functions: while it
// loads, an empty object stands in for the 'vscode' module, which only a real host provides.

import Module from 'node:module';
import * as path from 'node:path';

/** `file`: the module's path from the repository's root, as 'src/vscode/settings'. */
export function requireWithoutVscode<T>(file: string): T {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? {} : load(request, ...rest));
  try {
    // A static import would load the module before the stand-in is in place.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.resolve(__dirname, '../..', file)) as T;
  } finally {
    loader._load = load;
  }
}
