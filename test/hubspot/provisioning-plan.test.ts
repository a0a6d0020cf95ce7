import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { APP_OBJECTS } from '../../src/hubspot/app-objects.js';
import { fromInline, fromV4 } from '../../src/hubspot/associations.js';
import { companyProperties, findProperty } from '../../src/hubspot/data-model.js';
import { planProperties, type ExistingProperty } from '../../src/hubspot/provisioning-plan.js';

const asExisting = (name: string, patch: Partial<ExistingProperty> = {}): ExistingProperty => {
  const def = findProperty('companies', name);
  if (!def) throw new Error(name);
  return { ...def, referencedObjectType: def.referencedObjectType ?? null, ...patch };
};

describe('planProperties', () => {
  it('creates what is missing and leaves identical definitions alone', () => {
    const plan = planProperties('companies', companyProperties, [asExisting('kam_score')]);
    expect(plan.create).toHaveLength(companyProperties.length - 1);
    expect(plan.unchanged).toEqual(['kam_score']);
    expect(plan.update).toEqual([]);
  });

  it('reports another type, or a plain list where a user picker is needed, as conflicts', () => {
    const plan = planProperties('companies', companyProperties, [
      asExisting('kam_score', { type: 'string', fieldType: 'text' }),
      asExisting('kam_solution_manager', { referencedObjectType: null }),
    ]);
    expect(plan.conflicts.map((c) => c.name)).toEqual(['kam_score', 'kam_solution_manager']);
    expect(plan.conflicts[0].message).toMatch(/string \(text\).*number \(number\)/);
    expect(plan.create.map((d) => d.name)).not.toContain('kam_score');
  });

  it('patches only what differs, keeping options people added', () => {
    const tier = asExisting('kam_tier');
    const plan = planProperties('companies', companyProperties, [
      {
        ...tier,
        label: 'Old label',
        options: [
          ...(tier.options ?? []).filter((o) => o.value !== 'profit'),
          { label: 'VIP', value: 'vip', hidden: false },
        ],
      },
    ]);
    expect(plan.update).toHaveLength(1);
    const { patch } = plan.update[0];
    expect(patch.label).toBe('KAM tier');
    expect(patch.options?.map((o) => o.value)).toEqual([
      'strategic',
      'potential',
      'profit',
      'ordinary',
      'vip',
    ]);
    expect(patch).not.toHaveProperty('description');
  });
});

describe('associations', () => {
  it('marks the primary v3 inline association and maps known type names', () => {
    expect(
      fromInline('contacts', 'companies', [
        { id: '1', type: 'contact_to_company' },
        { id: '1', type: 'contact_to_company_unlabeled' },
        { id: '2', type: 'contact_to_company_unlabeled' },
      ]),
    ).toEqual([
      { toId: '1', typeIds: [1, 279], primary: true },
      { toId: '2', typeIds: [279], primary: false },
    ]);
    // Engagements have no primary.
    expect(
      fromInline('meetings', 'companies', [{ id: '5', type: 'meeting_event_to_company' }]),
    ).toEqual([{ toId: '5', typeIds: [188], primary: false }]);
  });

  it('reads v4 labels', () => {
    expect(
      fromV4([
        {
          toObjectId: 7,
          associationTypes: [
            { typeId: 5, label: 'Primary', category: 'HUBSPOT_DEFINED' },
            { typeId: 341, label: null, category: 'HUBSPOT_DEFINED' },
          ],
        },
      ]),
    ).toEqual([{ toId: '7', typeIds: [5, 341], primary: true }]);
  });
});

it('knows the app objects declared in extensions/app/app-objects', () => {
  const dir = path.resolve('extensions/app/app-objects');
  const declared = readdirSync(dir)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
          uid: string;
          config: { name: string };
        },
    )
    .map((m) => ({ uid: m.uid, name: m.config.name }));
  expect([...APP_OBJECTS].sort((a, b) => a.uid.localeCompare(b.uid))).toEqual(
    declared.sort((a, b) => a.uid.localeCompare(b.uid)),
  );
});
