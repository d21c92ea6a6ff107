// Writes the generated domains of public/corpus/: code.txt (excerpts of this project's own
// engine source) and numbers.txt (seeded arithmetic, sequences and CSV rows).
// Run: npx tsx scripts/make-corpus.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRng } from '../src/engine/util/random.ts';

const CODE_FILES = [
  'src/engine/util/random.ts',
  'src/engine/models/moe/selection.ts',
  'src/engine/models/moe/plan.ts',
  'src/engine/data/dataset.ts',
];

function makeNumbers(seed: number, lines: number): string {
  const rng = createRng(seed);
  const out: string[] = [];
  while (out.length < lines) {
    switch (rng.int(5)) {
      case 0: {
        const a = rng.int(100);
        const b = rng.int(100);
        out.push(`${a}+${b}=${a + b}`);
        break;
      }
      case 1: {
        const a = rng.int(13);
        const b = rng.int(13);
        out.push(`${a}*${b}=${a * b}`);
        break;
      }
      case 2: {
        const start = rng.int(50);
        const step = 1 + rng.int(9);
        out.push(Array.from({ length: 8 }, (_, i) => start + i * step).join(','));
        break;
      }
      case 3: {
        let [a, b] = [1 + rng.int(3), 1 + rng.int(3)];
        const seq = [a, b];
        while (seq.length < 9) {
          [a, b] = [b, a + b];
          seq.push(b);
        }
        out.push(`fib ${seq.join(' ')}`);
        break;
      }
      case 4:
        out.push(`${rng.int(1000)},${(rng.next() * 10).toFixed(2)},${(rng.normal() * 3).toFixed(3)}`);
        break;
    }
  }
  return `${out.join('\n')}\n`;
}

const code = CODE_FILES.map((path) => `// ---- ${path} ----\n${readFileSync(path, 'utf8')}`).join('\n');
writeFileSync('public/corpus/code.txt', code);
writeFileSync('public/corpus/numbers.txt', makeNumbers(2024, 600));
console.log(`code.txt ${code.length} chars, numbers.txt written`);
