// The engine cannot fetch, so a training worker loads the built-in text corpus (public/corpus) for a
// `text` dataset before the run starts, and hands the text to runExperiment as `texts`.
import type { TextDatasetSpec } from '../src/protocol/index.ts';

interface CorpusIndex {
  format: string;
  domains: { name: string; file: string }[];
}

async function fetchOk(url: URL): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the text corpus: ${url.pathname} answered ${response.status}.`);
  return response;
}

/** Texts of the spec's domains that it does not carry inline; undefined for other datasets. */
export async function loadCorpusTexts(spec: unknown, base: string): Promise<Record<string, string> | undefined> {
  const dataset = (spec as { dataset?: Partial<TextDatasetSpec> } | null)?.dataset;
  if (dataset?.kind !== 'text') return undefined;
  const wanted = (dataset.domains ?? []).filter((name) => dataset.texts?.[name] === undefined);
  if (wanted.length === 0) return {};
  const root = new URL(base);
  const index = (await (await fetchOk(new URL('index.json', root))).json()) as CorpusIndex;
  const texts: Record<string, string> = {};
  await Promise.all(
    wanted.map(async (name) => {
      const entry = index.domains.find((d) => d.name === name);
      if (!entry) return; // runExperiment names the missing domain
      texts[name] = await (await fetchOk(new URL(entry.file, root))).text();
    }),
  );
  return texts;
}
