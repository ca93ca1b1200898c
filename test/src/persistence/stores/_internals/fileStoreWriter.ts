// A separate process using a FileDurableStateStore, for the tests of one writer per directory.
//   hold <dir>                         open the store, print "open", keep it open until killed
//   try-open <dir>                     print the JSON {code, message} of opening (code "OPENED" on success), then close
//   increment <dir> <sessions> <n>     sessions × (open, waiting while another process holds the lock; n increments of
//                                      counter "c"; close); prints the JSON {acknowledged, conflicts}
import { FileDurableStateStore } from '../../../../../src/persistence/stores/FileDurableStateStore.js';

const [mode, directory, sessionsArg, perSessionArg] = process.argv.slice(2);
if (directory === undefined) throw new Error('usage: fileStoreWriter <mode> <dir> …');
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function openWaiting(deadline: number): Promise<FileDurableStateStore> {
  for (;;) {
    try {
      return await FileDurableStateStore.open({ directory: directory! });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'STORE_LOCKED' || Date.now() > deadline) throw error;
      await pause(1 + Math.random() * 5);
    }
  }
}

if (mode === 'hold') {
  await FileDurableStateStore.open({ directory });
  process.stdout.write('open\n');
  setInterval(() => undefined, 1_000);
} else if (mode === 'try-open') {
  try {
    const store = await FileDurableStateStore.open({ directory });
    await store.close();
    process.stdout.write(JSON.stringify({ code: 'OPENED' }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ code: (error as { code?: unknown }).code, message: (error as Error).message }));
  }
} else if (mode === 'increment') {
  const deadline = Date.now() + 60_000;
  let acknowledged = 0;
  let conflicts = 0;
  for (let session = 0; session < Number(sessionsArg); session++) {
    const store = await openWaiting(deadline);
    for (let i = 0; i < Number(perSessionArg); ) {
      const { value, revision } = await store.getObject<number>('c');
      try {
        await store.upsertObject('c', revision + 1, (value ?? 0) + 1, 'counter');
        acknowledged++;
        i++;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'REVISION_CONFLICT') throw error;
        conflicts++;
      }
    }
    await store.close();
    // Let the other process in between sessions.
    await pause(Math.random() * 3);
  }
  process.stdout.write(JSON.stringify({ acknowledged, conflicts }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
