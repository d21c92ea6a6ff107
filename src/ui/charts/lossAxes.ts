// The axes of the loss-over-steps charts (LossChart, CompareChart): steps in SI units ("1k"), about one
// tick per 90 px; loss with six ticks, in plain numbers on a log scale.
import * as d3 from 'd3';

export const stepAxis = (x: d3.ScaleLinear<number, number>, width: number) =>
  d3
    .axisBottom(x)
    .ticks(Math.max(2, width / 90))
    .tickFormat(d3.format('~s'));

export const lossAxis = (y: d3.ScaleContinuousNumeric<number, number>, logScale: boolean) =>
  d3.axisLeft(y).ticks(6, logScale ? '~g' : undefined);
