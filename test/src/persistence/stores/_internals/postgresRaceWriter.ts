// One writer process of the cross-process race in PostgresDurableStateStore.test.ts:
//   node --import tsx postgresRaceWriter.ts <schema> <namespace> <writer> <increments> <id>...
// Opens its own store (its own pool, from the PG* variables), prints "ready", waits for a line
// on stdin so that every process starts racing at once, then prints its RaceResult as JSON.
import { createInterface } from 'node:readline';
import { PostgresDurableStateStore } from '../../../../../src/persistence/stores/PostgresDurableStateStore.js';
import { incrementRace } from './incrementRace.js';

const [schema, namespace, writer, incrementsText, ...ids] = process.argv.slice(2);
if (!schema || !namespace || !writer || !incrementsText || ids.length === 0) {
  console.error('usage: postgresRaceWriter.ts <schema> <namespace> <writer> <increments> <id>...');
  process.exit(2);
}
const store = await PostgresDurableStateStore.open({ schema, namespace, connection: { max: 1 } });
console.log('ready');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const result = await incrementRace(store, writer, ids, Number(incrementsText));
await store.close();
console.log(JSON.stringify(result));
