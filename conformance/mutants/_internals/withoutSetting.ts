import type { SupervisorStrategy } from '../../../spec/model/index.js';

type Setting<K extends SupervisorStrategy['kind']> = Exclude<keyof Extract<SupervisorStrategy, { kind: K }>, 'kind'>;

/** A strategy rewrite that drops one optional setting from strategies of one kind (a mutant's runtime ignores it). */
export function withoutSetting<K extends SupervisorStrategy['kind']>(kind: K, setting: Setting<K>): (strategy: SupervisorStrategy) => SupervisorStrategy {
  return (strategy) => {
    if (strategy.kind !== kind || !(setting in strategy)) return strategy;
    const copy: Record<string, unknown> = { ...strategy };
    delete copy[setting as string];
    return copy as unknown as SupervisorStrategy;
  };
}
