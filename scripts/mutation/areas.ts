/**
 * The areas of the runtime the mutation table scores separately. Issue #6 sets its target
 * (90 %) on the **core**: supervision, signals, the actor cell (lifecycle, watch, restart, stop),
 * stash and Durable State. Scheduling and plumbing are scored too, but outside the target.
 *
 * @packageDocumentation
 */
import { globToRegExp } from './globToRegExp.js';

/** One scored area: the mutated files it holds and whether it counts toward the core target. */
export interface MutationArea {
  readonly id: string;
  readonly title: string;
  readonly core: boolean;
  /** Stryker-style globs relative to the project root. */
  readonly files: readonly string[];
}

/** Every area, core first; a mutated file matching none belongs to the last one. */
export const mutationAreas: readonly MutationArea[] = [
  { id: 'supervision', title: 'supervision', core: true, files: ['src/SupervisorStrategy.ts', 'src/_internals/interpreter.ts', 'src/_internals/behaviors.ts', 'src/Behaviors.ts'] },
  { id: 'signals', title: 'signals', core: true, files: ['src/Signal.ts'] },
  { id: 'actor-cell', title: 'actor cell: lifecycle, watch, restart, stop', core: true, files: ['src/_internals/ActorCell.ts'] },
  { id: 'stash', title: 'stash', core: true, files: ['src/_internals/StashBufferImpl.ts'] },
  { id: 'durable-state', title: 'durable state', core: true, files: ['src/persistence/**/*.ts'] },
  { id: 'plumbing', title: 'scheduling and plumbing', core: false, files: ['src/**/*.ts'] },
];

/** The area a mutated file belongs to (the first whose globs match; plumbing otherwise). */
export function areaOf(file: string, areas: readonly MutationArea[] = mutationAreas): MutationArea {
  const path = file.replace(/\\/g, '/');
  const found = areas.find((area) => area.files.some((glob) => globToRegExp(glob).test(path)));
  return found ?? areas[areas.length - 1]!;
}
