// Bounds on a reply before it is parsed. JSON.parse of 62 MB of nested arrays takes gigabytes, and
// 16 MB of `{},` takes over 20 times its size, so the nesting and the number of elements are
// measured on the bytes as they arrive, and a reply past either limit is refused unparsed.

/** A rerank reply nests 3 or 4 levels (body, results, result, an echoed document). */
export const MAX_REPLY_DEPTH = 64;
/**
 * Containers plus separators: a reply of 10,000 results holds about 50,000. At this limit any
 * reply parses to a few tens of MB at most.
 */
export const MAX_REPLY_ELEMENTS = 500_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

export type ReplyExcess = 'depth' | 'elements';

/**
 * Reads a JSON text piece by piece and says when it passes a limit. Works on UTF-8 bytes: every
 * byte of a multi-byte character is 0x80 or above, so none is mistaken for a bracket or a quote.
 * Only strings are tracked; the parser judges everything else.
 */
export class JsonShapeMeter {
  private depth = 0;
  private elements = 0;
  private inString = false;
  private escaped = false;

  constructor(
    private readonly maxDepth = MAX_REPLY_DEPTH,
    private readonly maxElements = MAX_REPLY_ELEMENTS,
  ) {}

  /** Reads the next bytes; returns the limit passed, or undefined while the text is within both. */
  feed(bytes: Uint8Array): ReplyExcess | undefined {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
      } else if (b === QUOTE) this.inString = true;
      else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        if (++this.depth > this.maxDepth) return 'depth';
        if (++this.elements > this.maxElements) return 'elements';
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) this.depth--;
      else if (b === COMMA && ++this.elements > this.maxElements) return 'elements';
    }
    return undefined;
  }
}

/** The one-line refusal, naming where the reply came from. */
export function describeExcess(excess: ReplyExcess, endpoint: string): string {
  return excess === 'depth'
    ? `the reply from ${endpoint} nests deeper than ${MAX_REPLY_DEPTH} levels, which no rerank reply does; check the endpoint`
    : `the reply from ${endpoint} holds more than ${MAX_REPLY_ELEMENTS.toLocaleString('en-US')} JSON elements, far more than a rerank reply; check the endpoint`;
}
