/**
 * Runs one property run's `body`, then `cleanUp` and `stop` (the system's shutdown), whatever
 * happened. When the run itself failed, a failing clean-up or shutdown must not hide why: the
 * run's error is the one reported (a `finally` that throws would replace it).
 */
export async function runThenShutdown(stop: () => Promise<void>, body: () => Promise<void>, cleanUp: () => Promise<void> | void): Promise<void> {
  let failed = false;
  try {
    await body();
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    try {
      await cleanUp();
      await stop();
    } catch (error) {
      if (!failed) throw error;
    }
  }
}
