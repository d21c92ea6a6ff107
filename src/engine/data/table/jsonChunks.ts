// A top-level JSON array parsed a chunk of elements at a time, so a big records file reports progress
// (one JSON.parse of 45 MB is seconds with no sign of life). A fast scan finds top-level commas (outside
// strings and nested values) about every `chunkChars`; each chunk of elements goes through JSON.parse, so
// values come out exactly as JSON.parse makes them. Anything the scan does not expect (not an array,
// trailing garbage, a broken chunk) falls back to one JSON.parse of the whole text: its result, or its
// error message, is then the answer — the chunking can only change how often progress is reported.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;

/** Report (and parse) about every this many characters: a few dozen reports for the largest file. */
export const JSON_CHUNK_CHARS = 1 << 20;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The elements of the array, or undefined where the text is not the plain shape the scan handles. */
function parseChunked(
  text: string,
  chunkChars: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): unknown[] | undefined {
  const n = text.length;
  const every = Math.max(1, chunkChars);
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_SQUARE) return undefined;
  i++;
  const out: unknown[] = [];
  // Every chunk between split commas holds at least one element ("[1,,2]" and "[1, ,2]" are not JSON).
  const take = (from: number, to: number, mayBeEmpty: boolean) => {
    if (!mayBeEmpty && skipSpace(text, from) >= to) throw new SyntaxError('empty element');
    const part = JSON.parse(`[${text.slice(from, to)}]`) as unknown[];
    for (const value of part) out.push(value);
  };
  let chunkStart = i;
  let split = false;
  let depth = 0;
  let inString = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_CURLY || c === OPEN_SQUARE) depth++;
    else if (c === CLOSE_CURLY || c === CLOSE_SQUARE) {
      if (depth === 0) break;
      depth--;
    } else if (c === COMMA && depth === 0 && i - chunkStart >= every) {
      take(chunkStart, i, false);
      chunkStart = i + 1;
      split = true;
      onProgress?.(i + 1, n);
    }
  }
  // The closing bracket of the array, then nothing but white space.
  if (i >= n || text.charCodeAt(i) !== CLOSE_SQUARE || skipSpace(text, i + 1) !== n) return undefined;
  // After a split comma the last chunk must hold an element too: "[1,]" is not JSON.
  take(chunkStart, i, !split);
  onProgress?.(n, n);
  return out;
}

/**
 * JSON.parse for a top-level array with progress: `onProgress(charactersDone, totalCharacters)` after each
 * chunk. Throws what JSON.parse throws on invalid text; any other text is parsed whole, without progress.
 */
export function parseJsonArray(
  text: string,
  onProgress?: (done: number, total: number) => void,
  chunkChars = JSON_CHUNK_CHARS,
): unknown {
  try {
    const elements = parseChunked(text, chunkChars, onProgress);
    if (elements) return elements;
  } catch {
    // A chunk did not parse: the whole text is invalid; JSON.parse below says where.
  }
  return JSON.parse(text);
}
