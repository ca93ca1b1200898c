import { partitionByCapabilities, rulesByRole, type Capability } from '../../../spec/index.js';
import type { StorePlugin, StoreUnderTest } from '../../contract/StorePlugin.js';

/** The capabilities that stand for tag queries (TAG-07): a view without them declares neither. */
const tagQueryCapabilities: readonly Capability[] = ['store.tag-queries', 'store.live-changes'];

/** The plugin as a store without tag queries would declare itself: the same name, no tag-query capability. */
export function pluginWithoutTagQueries(plugin: StorePlugin): StorePlugin {
  return { ...plugin, capabilities: plugin.capabilities.filter((c) => !tagQueryCapabilities.includes(c)) };
}

/**
 * The store with its query methods gone: only the update contract is left, so a step that
 * still queried would fail instead of passing unnoticed. Methods are bound one by one because
 * a store may keep them on its prototype.
 */
export function storeWithoutTagQueries(store: StoreUnderTest): StoreUnderTest {
  return {
    getObject: (id) => store.getObject(id),
    upsertObject: (id, revision, value, tag) => store.upsertObject(id, revision, value, tag),
    deleteObject: (id, revision) => store.deleteObject(id, revision),
  };
}

/** What the plugin claims about tag queries but its store does not offer (the hint of TAG-07). */
export function undeliveredTagQueries(plugin: StorePlugin, store: StoreUnderTest): string[] {
  const declared = new Set(plugin.capabilities);
  const problems: string[] = [];
  if (declared.has('store.tag-queries') && typeof store.currentChanges !== 'function') {
    problems.push('declares store.tag-queries, but its store has no currentChanges');
  }
  if (declared.has('store.live-changes') && typeof store.changes !== 'function') {
    problems.push('declares store.live-changes, but its store has no changes');
  }
  if (declared.has('store.live-changes') && !declared.has('store.tag-queries')) {
    problems.push('declares store.live-changes without store.tag-queries');
  }
  return problems;
}

/**
 * How the suite treats a plugin that declares `declared`: every tag-query rule must be skipped
 * with a reason, none may run (and so none can fail). Returns what breaks that.
 */
export function tagRulesNotSkipped(declared: ReadonlySet<Capability>): string[] {
  const tagQueryRules = rulesByRole('store').filter((rule) => rule.capabilities.some((c) => tagQueryCapabilities.includes(c)));
  const { runnable, skipped } = partitionByCapabilities(declared, tagQueryRules);
  return [
    ...runnable.map((rule) => `${rule.id} would run without tag queries`),
    ...skipped.filter((s) => s.reason.trim() === '').map((s) => `${s.rule.id} is skipped without a reason`),
  ];
}
