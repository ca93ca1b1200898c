import { describe, expect, it } from 'vitest';
import { roleOf, rules } from '../../spec/registry.js';
import {
  areaIds,
  areas,
  capabilities,
  capabilityRole,
  isAreaId,
  isCapability,
  isLevel,
  isSourceKind,
  optionCapabilities,
  roleIds,
  sourceKinds,
} from '../../spec/vocabulary.js';

describe('vocabulary', () => {
  it('is closed: every capability a rule needs is declared', () => {
    const undeclared = rules.flatMap((rule) => rule.capabilities.filter((c) => !isCapability(c)).map((c) => `${rule.id}: ${c}`));
    expect(undeclared).toEqual([]);
  });

  it('is used: every declared capability is needed by at least one rule, or is an option of one', () => {
    const used = new Set<string>([...rules.flatMap((rule) => rule.capabilities), ...Object.keys(optionCapabilities)]);
    expect(Object.keys(capabilities).filter((c) => !used.has(c))).toEqual([]);
  });

  it('names existing rules for every option capability, none of which needs it', () => {
    for (const [capability, ruleIds] of Object.entries(optionCapabilities)) {
      expect(ruleIds!.length).toBeGreaterThan(0);
      for (const id of ruleIds!) {
        const rule = rules.find((r) => r.id === id);
        expect(rule, `${capability}: ${id}`).toBeDefined();
        expect(rule!.capabilities as readonly string[]).not.toContain(capability);
      }
    }
  });

  it('is used: every source kind and area appears in at least one rule', () => {
    const kinds = new Set<string>(rules.flatMap((rule) => rule.sources.map((s) => s.kind)));
    expect(Object.keys(sourceKinds).filter((k) => !kinds.has(k))).toEqual([]);
    expect(areaIds.filter((area) => !rules.some((rule) => rule.area === area))).toEqual([]);
  });

  it('describes every capability and area in one line', () => {
    for (const text of [...Object.values(capabilities), ...areaIds.map((a) => areas[a].title)]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toContain('\n');
    }
  });

  it('uses capability names of dotted lowercase words', () => {
    for (const name of Object.keys(capabilities)) expect(name).toMatch(/^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)*$/);
  });

  it('gives every area a known role and a distinct slug', () => {
    for (const area of areaIds) expect(roleIds).toContain(areas[area].role);
    expect(new Set(areaIds.map((a) => areas[a].slug)).size).toBe(areaIds.length);
  });

  it('recognises its own words and rejects others, including inherited object keys', () => {
    expect(isCapability('watch')).toBe(true);
    expect(isCapability('toString')).toBe(false);
    expect(isAreaId('SUP')).toBe(true);
    expect(isAreaId('constructor')).toBe(false);
    expect(isSourceKind('seed')).toBe(true);
    expect(isSourceKind('rumour')).toBe(false);
    expect(isLevel('SHOULD')).toBe(true);
    expect(isLevel('should')).toBe(false);
  });

  it('assigns store capabilities to the store adapter; only DS-10 and TAG-01 need both adapters', () => {
    expect(capabilityRole('store.hard-delete')).toBe('store');
    expect(capabilityRole('durable-state.tags')).toBe('runtime');
    const crossRole = rules.filter((rule) => rule.capabilities.some((c) => capabilityRole(c) !== roleOf(rule)));
    expect(crossRole.map((rule) => rule.id)).toEqual(['DS-10', 'TAG-01']);
  });
});
