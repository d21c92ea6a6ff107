// fast-check building blocks shared by the property tests of decoders and parsers: random inputs
// plus "mutated" ones (a valid input with characters or bytes deleted, replaced, inserted or cut
// off), which reach far deeper into a decoder than purely random noise does.
import fc from 'fast-check';

export const FUZZ_RUNS = 10_000;

type Edit = { at: number; op: 'delete' | 'replace' | 'insert' | 'cut'; value: number };

const edits = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom('delete', 'replace', 'insert', 'cut'),
    value: fc.nat(255),
  }) as fc.Arbitrary<Edit>,
  { minLength: 1, maxLength: 4 },
);

function applyEdits<T>(items: T[], list: Edit[], make: (value: number) => T): T[] {
  const out = [...items];
  for (const { at, op, value } of list) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (op === 'delete') out.splice(i, 1);
    else if (op === 'replace' && out.length) out[i] = make(value);
    else if (op === 'insert') out.splice(i, 0, make(value));
    else if (op === 'cut') out.length = i;
  }
  return out;
}

/** `valid` with a few random edits; `alphabet` supplies replacement characters. */
export function mutatedString(valid: string, alphabet: string): fc.Arbitrary<string> {
  return edits.map((list) => applyEdits([...valid], list, (v) => alphabet[v % alphabet.length]).join(''));
}

export function mutatedBytes(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  return edits.map((list) => Uint8Array.from(applyEdits([...valid], list, (v) => v)));
}

/** Replaces the value at one random path inside `valid` (objects and arrays) with `replacement`. */
export function mutatedValue(valid: unknown, replacement: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(valid, []);
  return fc.tuple(fc.constantFrom(...paths), replacement, fc.boolean()).map(([path, value, remove]) => {
    if (path.length === 0) return value;
    const copy = structuredClone(valid) as Record<string | number, unknown>;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (remove && !Array.isArray(parent)) delete parent[last];
    else parent[last] = value;
    return copy;
  });
}

/** Every rejection carries a message a person can read. */
export function expectResult(result: { ok: boolean; error?: string }): void {
  if (result.ok) return;
  if (typeof result.error !== 'string' || result.error.trim() === '')
    throw new Error(`rejection without a message: ${JSON.stringify(result)}`);
}
