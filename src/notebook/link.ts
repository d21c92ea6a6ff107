// Share links: `#v1.` + base64url(deflate(JSON of the notebook file)). Small tables ride along;
// bigger ones are replaced by their name (an `external` source), and the app asks for the file on
// open. Decoding never throws: a corrupted or truncated link gives a message.
import { deflateSync, Inflate, strToU8 } from 'fflate';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { FILE_FORMAT, FILE_VERSION, readNotebookValue, type NotebookFile } from './fileFormat.ts';
import type { Cell, Notebook, NotebookResult } from './schema.ts';

export const LINK_PREFIX = 'v1.';

export const LINK_LIMITS = {
  /** An inline table whose JSON exceeds this many characters is named, not embedded. */
  embedBytes: 64 * 1024,
  /** Links longer than this are refused before decoding. */
  maxChars: 8 * 1024 * 1024,
  /** Decompressed size cap, so a crafted link cannot inflate into gigabytes. */
  maxInflatedBytes: 32 * 1024 * 1024,
  /**
   * The longest link *Copy link* hands out. Chromium refuses URLs over 2 MiB (kMaxURLChars) and shows
   * a blank page; 1,000,000 characters leaves room below that for the address before the hash.
   */
  shareChars: 1_000_000,
} as const;

/** Why a share link (the whole URL) should not be handed out, or null when it may. */
export function shareLinkProblem(url: string): string | null {
  if (url.length <= LINK_LIMITS.shareChars) return null;
  const size = (n: number) => `${(n / 1e6).toFixed(1)} million`;
  return `This notebook makes a link of ${size(url.length)} characters; browsers cannot open links over about 2 million, so TaskLab does not hand out links over ${size(LINK_LIMITS.shareChars)}. Use Save file and send the file instead.`;
}

/** True for anything that looks like a notebook link of any version ("v1.…", "v2.…"), so an unknown version is reported, not ignored. */
export const looksLikeNotebookLink = (hash: string) => /^#?v\d+\./.test(hash);

export interface EncodedLink {
  /** The URL hash, "#v1.…". */
  hash: string;
  /** Dataset cells whose rows were left out (too big): the person opening the link must supply them. */
  namedOnly: string[];
}

/** A dataset cell with an inline table over the embed limit becomes an `external` reference. */
function forLink(cell: Cell): { cell: Cell; dropped: boolean } {
  if (cell.kind !== 'dataset' || cell.source.type !== 'inline') return { cell, dropped: false };
  const size = JSON.stringify(cell.source.table).length;
  if (size <= LINK_LIMITS.embedBytes) return { cell, dropped: false };
  const { table, fileName } = cell.source;
  const source = {
    type: 'external' as const,
    fileName: fileName ?? cell.name,
    numRows: table.rows.length,
    columns: table.columns,
    sizeBytes: size,
  };
  return { cell: { ...cell, source }, dropped: true };
}

export function encodeNotebookLink(notebook: Notebook): EncodedLink {
  const namedOnly: string[] = [];
  const cells = notebook.cells.map((cell) => {
    const placed = forLink(cell);
    if (placed.dropped && cell.kind === 'dataset') namedOnly.push(cell.name);
    return placed.cell;
  });
  const file: NotebookFile = { format: FILE_FORMAT, version: FILE_VERSION, notebook: { ...notebook, cells } };
  const packed = deflateSync(strToU8(JSON.stringify(file)), { level: 9 });
  return { hash: `#${LINK_PREFIX}${encodeBase64url(packed)}`, namedOnly };
}

/** Accepts a whole URL, a hash with or without "#", or the payload after it. */
export function decodeNotebookLink(link: string): NotebookResult {
  try {
    if (typeof link !== 'string') return { ok: false, error: 'the link is not text' };
    if (link.length > LINK_LIMITS.maxChars)
      return { ok: false, error: `the link is longer than ${LINK_LIMITS.maxChars} characters` };
    const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
    const version = /^v(\d+)\./.exec(hash);
    if (!version) return { ok: false, error: 'not a TaskLab notebook link: it should start with "#v1."' };
    if (`v${version[1]}.` !== LINK_PREFIX) {
      return {
        ok: false,
        error: `this link has format v${version[1]}; this TaskLab opens ${LINK_PREFIX.slice(0, -1)} links`,
      };
    }
    const payload = hash.slice(LINK_PREFIX.length).trim();
    if (payload === '') return { ok: false, error: 'the link is empty after "#v1.": was it cut off?' };
    const decoded = decodeBase64url(payload);
    if (!decoded.ok) {
      // Counted in the hash as people see it, "#" being character 1.
      const where = decoded.position + LINK_PREFIX.length + 2;
      return {
        ok: false,
        error: `the link is damaged: unexpected character ${JSON.stringify(payload[decoded.position] ?? '')} at position ${where}`,
      };
    }
    const text = inflate(decoded.bytes);
    if (typeof text !== 'string') return text;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, error: 'the link is damaged: its contents are not valid JSON (was it cut off?)' };
    }
    return readNotebookValue(value);
  } catch (error) {
    return { ok: false, error: `the link could not be opened: ${(error as Error)?.message ?? String(error)}` };
  }
}

/** Streams the input in small pieces so a crafted link is stopped at the cap, not after it inflated. */
function inflate(bytes: Uint8Array): string | { ok: false; error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= LINK_LIMITS.maxInflatedBytes) chunks.push(chunk);
    if (final) ended = true;
  });
  const PIECE = 4096;
  try {
    for (let i = 0; i < bytes.length && total <= LINK_LIMITS.maxInflatedBytes; i += PIECE) {
      inflater.push(bytes.subarray(i, i + PIECE), i + PIECE >= bytes.length);
    }
  } catch {
    return { ok: false, error: 'the link is damaged: it does not decompress (was it cut off or edited?)' };
  }
  if (total > LINK_LIMITS.maxInflatedBytes)
    return { ok: false, error: `the link expands to more than ${LINK_LIMITS.maxInflatedBytes / 2 ** 20} MB` };
  if (!ended) return { ok: false, error: 'the link is damaged: its compressed data ends early (was it cut off?)' };
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    return { ok: false, error: 'the link is damaged: its contents are not text' };
  }
}
