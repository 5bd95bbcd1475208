// Request bodies that reuse the JSON of their documents. The CLI's --queries, `rerank eval` and a
// re-run in the editor send one candidate set with many queries, and serializing ~500 kB of
// documents costs more than the loopback round trip itself. Each kept encoding has free room in
// front of it, where the next request's head (`{"query":…,"documents":`) is written, so a request
// goes out as one Buffer without copying the documents again: undici writes a Buffer body in one
// call, but a list of pieces one by one with an await between them (in a one-off A/B against
// the bench's loopback server, pieces cost ~7% more per request; bench/http.ts has no such row).

/** A body to send, held until `release()`: its memory is reused by the next request after that. */
export interface LeasedBody {
  body: Buffer | readonly Buffer[];
  release(): void;
}

interface Entry {
  documents: readonly string[];
  /** [headroom bytes][the documents' JSON]} */
  buffer: Buffer;
  headroom: number;
  leased: boolean;
}

/** Room for the head in front of a new encoding: a query of a few KB fits, a pasted file may not. */
const MIN_HEADROOM = 4096;
const CLOSE_BRACE = 0x7d;

export class RequestBodyCache {
  private entries: Entry[] = [];
  private bytes = 0;

  constructor(
    private readonly maxEntries = 8,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /**
   * `head` + the documents as a JSON array + `}`. One Buffer when the head fits the room in front
   * of the encoding and no request in flight holds it; otherwise the same bytes in pieces.
   */
  lease(head: string, documents: readonly string[]): LeasedBody {
    const headLength = Buffer.byteLength(head);
    const entry = this.find(documents) ?? this.add(documents, headLength);
    if (entry.leased || headLength > entry.headroom) {
      return { body: [Buffer.from(head), entry.buffer.subarray(entry.headroom)], release: () => {} };
    }
    // Written in place: no Buffer for the head (a small allocation costs ~4 us between requests).
    const start = entry.headroom - headLength;
    entry.buffer.write(head, start);
    entry.leased = true;
    return { body: entry.buffer.subarray(start), release: () => (entry.leased = false) };
  }

  private find(documents: readonly string[]): Entry | undefined {
    const hit = this.entries.findIndex((e) => sameDocuments(e.documents, documents));
    if (hit < 0) return undefined;
    const entry = this.entries[hit] as Entry;
    if (hit > 0) this.entries = [entry, ...this.entries.slice(0, hit), ...this.entries.slice(hit + 1)];
    return entry;
  }

  /** Encodes the documents; keeps the encoding unless it alone is over the byte bound. */
  private add(documents: readonly string[], headLength: number): Entry {
    const json = JSON.stringify(documents);
    const headroom = Math.max(MIN_HEADROOM, 2 * headLength);
    const length = Buffer.byteLength(json);
    const buffer = Buffer.allocUnsafe(headroom + length + 1);
    buffer.write(json, headroom);
    buffer[headroom + length] = CLOSE_BRACE;
    const entry: Entry = { documents: documents.slice(), buffer, headroom, leased: false };
    if (buffer.length <= this.maxBytes) {
      this.entries.unshift(entry);
      this.bytes += buffer.length;
      while (this.entries.length > this.maxEntries || this.bytes > this.maxBytes) this.bytes -= (this.entries.pop() as Entry).buffer.length;
    }
    return entry;
  }
}

/** Equal strings in order. The engine passes the candidates' own strings, so this is mostly pointer checks. */
function sameDocuments(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
