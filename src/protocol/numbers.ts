// Shared zod building blocks of the protocol's schemas.
import { z } from 'zod';

export const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Hidden layers per expert and per tower; absent = 1 (the two-layer MLP every model had before). */
export const depthFields = {
  expertDepth: int(1, 8).optional(),
  towerDepth: int(1, 8).optional(),
};
