// Imported first by main.tsx, before any schema is built: the page's Content-Security-Policy
// forbids eval, and without this zod probes `Function('')` (caught, but the browser reports a violation).
import { config } from 'zod';

config({ jitless: true });
