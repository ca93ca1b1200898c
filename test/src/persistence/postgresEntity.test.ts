import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { PostgresDurableStateStore } from '../../../src/persistence/stores/PostgresDurableStateStore.js';
import { describeWithPostgres } from '../../_internals/withPostgres.js';
import { quiet, world } from './_harness.js';
import { recorder } from './_recorder.js';

describeWithPostgres('Durable State on PostgresDurableStateStore', () => {
  const schema = `entity_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  afterAll(async () => {
    const admin = new pg.Pool({ max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('DS-01 DS-03 an entity persists through PostgreSQL, and a system on another connection recovers what it wrote', async () => {
    const first = world(await PostgresDurableStateStore.open({ schema, namespace: 'entities', connection: { max: 2 } }));
    const log = first.probe<string>();
    const ref = first.kit.spawn(recorder('account', log.ref));
    ref.tell({ type: 'Add', n: 2 });
    ref.tell({ type: 'Add', n: 3 });
    ref.tell({ type: 'Get' });
    expect(await log.receiveMessages(4)).toEqual(['signal RecoveryCompleted 0@0', 'ran add 2 2@1', 'ran add 3 5@2', 'get 5@2']);
    await quiet(first);

    const second = world(await PostgresDurableStateStore.open({ schema, namespace: 'entities', connection: { max: 2 } }));
    const again = second.probe<string>();
    second.kit.spawn(recorder('account', again.ref)).tell({ type: 'Get' });
    expect(await again.receiveMessages(2)).toEqual(['signal RecoveryCompleted 5@2', 'get 5@2']);
    await quiet(second);
  });
});
