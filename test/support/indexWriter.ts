// A child process for the "killed mid-write" test: it indexes ROOT into STORE (the index is then
// whole), changes nothing, then writes the index again through a file system that stops halfway
// through the temp file and tells the parent, which kills it there with SIGKILL.
//   node --import tsx test/support/indexWriter.ts ROOT STORE

import { promises as fs } from 'node:fs';
import { createNodeFs } from '../../src/sources/nodeFs';
import { nodeIndexStorage, nodeStorageFs } from '../../src/sources/nodeIndexStorage';
import { collectIndexed } from '../../src/sources/workspaceIndex/collect';
import { createIndexStorage, indexName } from '../../src/sources/workspaceIndex/storage';
import { decodeIndex, encodeIndex } from '../../src/sources/workspaceIndex/format';

const [root, store] = process.argv.slice(2) as [string, string];

async function main(): Promise<void> {
  const collection = await collectIndexed(createNodeFs(), [root], { remote: true }, { storage: nodeIndexStorage(store), producer: 'test' });
  await collection.saved;
  const name = indexName(await fs.realpath(root));
  const data = decodeIndex((await fs.readFile(`${store}/${name}`)) as Uint8Array);
  if (data === undefined) throw new Error('the first index is not whole');
  const stalling = createIndexStorage(
    {
      ...nodeStorageFs,
      async writeFile(path, bytes) {
        await fs.writeFile(path, bytes.subarray(0, bytes.length / 2));
        process.send?.('halfway');
        await new Promise(() => undefined);
      },
    },
    store,
  );
  await stalling.write(name, encodeIndex(data));
}

void main();
