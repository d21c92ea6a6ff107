// The trace cell's "segment lengths" field: text like "4, 16, 64" ↔ the sorted list the cell stores.
import { TRACE_SEGMENT_LIMITS } from '../../../protocol/jobs.ts';

const { count: MAX_SEGMENTS, maxLength: MAX_SEGMENT_LENGTH } = TRACE_SEGMENT_LIMITS;

export type SegmentParse = { ok: true; segments: number[] } | { ok: false; error: string };

export function parseSegmentList(text: string): SegmentParse {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, error: 'give at least one segment length' };
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!/^\d+$/.test(part) || value < 1 || value > MAX_SEGMENT_LENGTH) {
      return { ok: false, error: `"${part}" is not a whole number from 1 to ${MAX_SEGMENT_LENGTH}` };
    }
    values.push(value);
  }
  const segments = [...new Set(values)].sort((a, b) => a - b);
  if (segments.length > MAX_SEGMENTS) return { ok: false, error: `at most ${MAX_SEGMENTS} segment lengths` };
  return { ok: true, segments };
}

export const formatSegmentList = (segments: number[]) => segments.join(', ');
