// Shared zod building blocks of the protocol's schemas.
import { z } from 'zod';

export const int = (min: number, max: number) => z.number().int().min(min).max(max);
