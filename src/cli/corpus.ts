// The CLI's side of `text` datasets: the built-in corpus domains read from public/corpus.
import { readFile } from 'node:fs/promises';

const CORPUS_DIR = new URL('../../public/corpus/', import.meta.url);

/** Texts of the named built-in domains that exist; undefined when the spec has no text dataset. */
export async function readCorpusTexts(spec: unknown): Promise<Record<string, string> | undefined> {
  const dataset = (spec as { dataset?: { kind?: string; domains?: string[] } } | null)?.dataset;
  if (dataset?.kind !== 'text') return undefined;
  const index = JSON.parse(await readFile(new URL('index.json', CORPUS_DIR), 'utf8')) as {
    domains: { name: string; file: string }[];
  };
  const names = dataset.domains ?? index.domains.map((d) => d.name);
  const texts: Record<string, string> = {};
  for (const entry of index.domains)
    if (names.includes(entry.name)) texts[entry.name] = await readFile(new URL(entry.file, CORPUS_DIR), 'utf8');
  return texts;
}
