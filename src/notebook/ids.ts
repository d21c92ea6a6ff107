// Cell ids: short, URL-safe and random, so ids from two notebooks (or two tabs) do not collide.
// Ids are not secrets and carry no seed meaning; crypto is used only because it needs no state.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export type IdMaker = () => string;

export const newCellId: IdMaker = () => {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return `c${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
};

/** Deterministic ids for tests and the default notebook: c1, c2, … after a prefix. */
export function counterIds(prefix = 'c'): IdMaker {
  let next = 1;
  return () => `${prefix}${next++}`;
}
