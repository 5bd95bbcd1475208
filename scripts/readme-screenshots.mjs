// Copies the README's screenshots from the last end-to-end run (test/e2e/artifacts/) into
// docs/screenshots/, so the pictures always come from a run that asserted what they show.
// Run `npm run test:e2e` first; a screenshot that run did not take stops the copy.
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ARTIFACTS = join('test', 'e2e', 'artifacts');
const DOCS = join('docs', 'screenshots');
/** README picture <- the e2e scenario's screenshot. */
const SHOTS = {
  'selection-tree-and-panel.png': '1-selection-panel.png',
  'workspace-prompt-context.png': '2-workspace.png',
  'rate-limit-progress.png': '4-rate-limit-progress.png',
  'hostile-document-as-text.png': '5-hostile.png',
  'selection-split-modes.png': '7-split-modes.png',
  'refused-endpoint.png': '8-refused.png',
};

const missing = Object.values(SHOTS).filter((shot) => !existsSync(join(ARTIFACTS, shot)));
if (missing.length > 0) {
  console.error(`not in ${ARTIFACTS} (run npm run test:e2e first): ${missing.join(', ')}`);
  process.exit(1);
}
for (const [doc, shot] of Object.entries(SHOTS)) {
  copyFileSync(join(ARTIFACTS, shot), join(DOCS, doc));
  console.log(`${join(DOCS, doc)} <- ${shot} (${Math.round(statSync(join(DOCS, doc)).size / 1024)} KB)`);
}
