import type { ErrorHierarchy } from '../../spec/model/index.js';
import type { RuntimeErrorClasses } from '../contract/ErrorRegistry.js';
import type { TestEnvironment } from '../contract/RuntimeAdapter.js';
import { ControlledStore } from './ControlledStore.js';
import { HistoryRecorder } from './HistoryRecorder.js';
import { realiseErrors } from './realiseErrors.js';
import { VirtualClock } from './VirtualClock.js';

/** Everything the suite builds for one run: the environment handed to the adapter and its controls. */
export interface SuiteRun {
  readonly env: TestEnvironment;
  readonly recorder: HistoryRecorder;
  readonly clock: VirtualClock;
  readonly store: ControlledStore;
}

/** A fresh environment for one run: virtual clock, realised errors, recorder and controlled store. */
export function suiteEnvironment(hierarchy: ErrorHierarchy, runtimeErrors: RuntimeErrorClasses): SuiteRun {
  const errors = realiseErrors(hierarchy, runtimeErrors);
  const clock = new VirtualClock();
  const recorder = new HistoryRecorder(errors);
  const store = new ControlledStore(clock, (persistenceId, op, revision, ok) => recorder.write(persistenceId, op, revision, ok));
  return { env: { clock, errors, probe: recorder, durable: { store, probe: recorder } }, recorder, clock, store };
}
