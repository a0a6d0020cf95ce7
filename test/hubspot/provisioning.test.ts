import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import {
  DATA_MODEL_VERSION,
  kamProperties,
  type KamObjectType,
} from '../../src/hubspot/data-model.js';
import {
  conflictingProperties,
  provisionPortal,
  removeDataModel,
  PROVISIONED_TYPES,
} from '../../src/hubspot/provisioning.js';
import { APP_OBJECTS_SCOPE } from '../../src/hubspot/app-objects.js';
import { noWait, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.close());
beforeEach(() => {
  h.counter.total = 0;
  h.counter.byOperation.clear();
});

const catalogSize = PROVISIONED_TYPES.reduce((n, t) => n + kamProperties[t].length, 0);

async function portalRow(portalId: number) {
  const { rows } = await h.store.db.query<{
    provisioning_version: number;
    app_objects_available: boolean;
    provisioning_report: { created: unknown[]; conflicts: unknown[] } | null;
  }>(
    'SELECT provisioning_version, app_objects_available, provisioning_report FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return rows[0];
}

function propertyIn(portalId: number, type: KamObjectType, name: string) {
  return h.sb.sandbox.getPortal(portalId)?.properties.get(type, name);
}

describe('provisionPortal', () => {
  let portalId: number;
  beforeAll(async () => {
    portalId = await h.installDirect();
  });

  it('creates the kam group and every property with its type on a fresh portal', async () => {
    const report = await provisionPortal(h.deps, portalId, noWait);
    expect(report.conflicts).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.groupsCreated).toEqual(['companies', 'contacts', 'deals']);
    expect(report.created).toHaveLength(catalogSize);
    for (const type of PROVISIONED_TYPES) {
      expect(h.sb.sandbox.getPortal(portalId)?.properties.getGroup(type, 'kam')).toBeDefined();
      for (const def of kamProperties[type]) {
        expect(propertyIn(portalId, type, def.name)).toMatchObject({
          type: def.type,
          fieldType: def.fieldType,
          groupName: 'kam',
          label: def.label,
        });
      }
    }
    expect(propertyIn(portalId, 'companies', 'kam_solution_manager')?.referencedObjectType).toBe(
      'OWNER',
    );
    // One group read + create and one batch read + create per type; no schema read without the scope.
    expect(h.counter.total).toBe(12);
    const row = await portalRow(portalId);
    expect(row.provisioning_version).toBe(DATA_MODEL_VERSION);
    expect(row.provisioning_report?.created).toHaveLength(catalogSize);
    expect(row.app_objects_available).toBe(false);
  });

  it('does nothing when run again at the same version, and only reads when forced', async () => {
    const again = await provisionPortal(h.deps, portalId, noWait);
    expect(again.skipped).toBe(true);
    expect(h.counter.total).toBe(0);

    const forced = await provisionPortal(h.deps, portalId, { ...noWait, force: true });
    expect(forced).toMatchObject({ skipped: false, created: [], updated: [], conflicts: [] });
    expect(forced.unchanged).toBe(catalogSize);
    expect(
      [...h.counter.byOperation.keys()].every(
        (op) => op.startsWith('GET ') || op.endsWith('/batch/read'),
      ),
    ).toBe(true);
    expect(h.counter.total).toBe(6);
  });

  it('patches a changed definition and keeps options people added', async () => {
    const api = h.sb.client({ accessToken: h.sb.sandbox.staticToken });
    const tier = kamProperties.companies.find((p) => p.name === 'kam_tier');
    await api.crm.properties.coreApi.update('companies', 'kam_tier', {
      label: 'Renamed by an admin',
      options: [
        ...(tier?.options ?? []).map((o) => ({ ...o })),
        { label: 'Watch list', value: 'watch', hidden: false, displayOrder: 9 },
      ],
    });
    const report = await provisionPortal(h.deps, portalId, { ...noWait, force: true });
    expect(report.updated).toEqual([{ objectType: 'companies', name: 'kam_tier' }]);
    const now = propertyIn(portalId, 'companies', 'kam_tier');
    expect(now?.label).toBe('KAM tier');
    expect(now?.options.map((o) => o.value)).toEqual([
      'strategic',
      'potential',
      'profit',
      'ordinary',
      'watch',
    ]);
  });

  it('removes our data model on request', async () => {
    const removal = await removeDataModel(h.deps, portalId, noWait);
    expect(removal.archived).toHaveLength(catalogSize);
    expect(removal.groupsArchived).toEqual(['companies', 'contacts', 'deals']);
    expect(propertyIn(portalId, 'companies', 'kam_score')).toBeUndefined();
    expect((await portalRow(portalId)).provisioning_version).toBe(0);
    // And provisioning puts it back.
    const report = await provisionPortal(h.deps, portalId, noWait);
    expect(report.created).toHaveLength(catalogSize);
  });
});

describe('conflicts and app objects', () => {
  it('reports a kam_* property of another type as a conflict and never changes it', async () => {
    const { portal } = h.sb.runtime.createPortal({ portalId: 20000002 });
    const portalId = await h.installDirect(portal.portalId);
    const api = h.sb.client({ accessToken: `${h.sb.sandbox.staticToken}:${portalId}` });
    await api.crm.properties.coreApi.create('companies', {
      name: 'kam_score',
      label: 'Our own score',
      type: PropertyCreateTypeEnum.String,
      fieldType: PropertyCreateFieldTypeEnum.Text,
      groupName: 'companyinformation',
    });
    const report = await provisionPortal(h.deps, portalId, noWait);
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        objectType: 'companies',
        name: 'kam_score',
        expected: { type: 'number', fieldType: 'number' },
        found: { type: 'string', fieldType: 'text' },
      }),
    ]);
    expect(report.conflicts[0].message).toContain('kam_score');
    expect(report.created).toHaveLength(catalogSize - 1);
    expect(propertyIn(portalId, 'companies', 'kam_score')).toMatchObject({
      type: 'string',
      label: 'Our own score',
    });
    // The version is not recorded, so the next run looks again.
    expect((await portalRow(portalId)).provisioning_version).toBe(0);
    expect((await conflictingProperties(h.store.db, portalId)).companies).toEqual(['kam_score']);

    // Removing our model leaves their property alone.
    const removal = await removeDataModel(h.deps, portalId, noWait);
    expect(removal.leftAlone).toEqual([{ objectType: 'companies', name: 'kam_score' }]);
    expect(propertyIn(portalId, 'companies', 'kam_score')).toBeDefined();
  });

  it('records app objects as available when the portal has them and the scope was granted', async () => {
    const { portal } = h.sb.runtime.createPortal({ portalId: 20000003, appObjects: true });
    const withScope = await h.installDirect(portal.portalId, ['oauth', APP_OBJECTS_SCOPE]);
    const report = await provisionPortal(h.deps, withScope, noWait);
    expect(report.appObjects).toMatchObject({ available: true, reason: 'available' });
    expect(Object.keys(report.appObjects?.objectTypeIds ?? {}).sort()).toEqual([
      'kam_account_review',
      'kam_alert',
    ]);
    expect((await portalRow(withScope)).app_objects_available).toBe(true);

    const { portal: plain } = h.sb.runtime.createPortal({ portalId: 20000004 });
    const without = await h.installDirect(plain.portalId, ['oauth', APP_OBJECTS_SCOPE]);
    const other = await provisionPortal(h.deps, without, noWait);
    expect(other.appObjects).toMatchObject({ available: false, reason: 'not_in_portal' });
  });
});
