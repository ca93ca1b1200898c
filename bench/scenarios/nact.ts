// nact is CommonJS with a hand-written `declare module`; we load it once here.
import { createRequire } from 'node:module';
import type * as Nact from 'nact';

export const nact = createRequire(import.meta.url)('nact') as typeof Nact;
