// The JSON of a batch's documents, kept for the next request that sends the same documents: the
// CLI's --queries, `rerank eval` and a re-run in the editor rank one candidate set against many
// queries, and serializing ~500 kB of documents costs more than the loopback round trip itself.

interface Entry {
  documents: readonly string[];
  json: Buffer;
}

export class EncodedDocumentsCache {
  private entries: Entry[] = [];
  private bytes = 0;

  constructor(
    private readonly maxEntries = 8,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** The documents as a JSON array, from the cache when the same strings were sent before. */
  encode(documents: readonly string[]): Buffer {
    const hit = this.entries.findIndex((e) => sameDocuments(e.documents, documents));
    if (hit >= 0) {
      const entry = this.entries[hit] as Entry;
      if (hit > 0) this.entries = [entry, ...this.entries.slice(0, hit), ...this.entries.slice(hit + 1)];
      return entry.json;
    }
    const json = Buffer.from(JSON.stringify(documents));
    if (json.length <= this.maxBytes) {
      this.entries.unshift({ documents: documents.slice(), json });
      this.bytes += json.length;
      while (this.entries.length > this.maxEntries || this.bytes > this.maxBytes) this.bytes -= (this.entries.pop() as Entry).json.length;
    }
    return json;
  }
}

/** Equal strings in order. The engine passes the candidates' own strings, so this is mostly pointer checks. */
function sameDocuments(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
