// Paul Tol's "muted" qualitative scheme: distinguishable under the common colour-vision
// deficiencies and readable on white. Beyond nine series the colours repeat with dashes.
const MUTED = ['#332288', '#CC6677', '#117733', '#DDAA33', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3'];

export const seriesColor = (index: number) => MUTED[index % MUTED.length];
export const seriesDash = (index: number) => DASHES[Math.floor(index / MUTED.length) % DASHES.length];
