import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiError, startCrm, type Crm } from './crm-harness.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function projectWithAppObject(): string {
  const root = tempDir('kam-appobj-');
  mkdirSync(join(root, 'extensions/app/app-objects'), { recursive: true });
  mkdirSync(join(root, 'extensions/app/app-object-associations'), { recursive: true });
  writeFileSync(
    join(root, 'extensions/app/app-objects/review-hsmeta.json'),
    JSON.stringify({
      uid: 'kam_review',
      type: 'app-object',
      config: {
        name: 'KAM_REVIEW',
        singularForm: 'Review',
        pluralForm: 'Reviews',
        primaryDisplayLabelPropertyName: 'title',
        properties: [
          { name: 'title', label: 'Title', type: 'string', fieldType: 'text' },
          {
            name: 'review_key',
            label: 'Key',
            type: 'string',
            fieldType: 'text',
            hasUniqueValue: true,
          },
          { name: 'score', label: 'Score', type: 'number', fieldType: 'number' },
        ],
      },
    }),
  );
  writeFileSync(
    join(root, 'extensions/app/app-object-associations/review-to-company-hsmeta.json'),
    JSON.stringify({
      uid: 'kam_review_to_company',
      type: 'app-object-association',
      config: { firstObjectType: 'kam_review', secondObjectType: 'COMPANY' },
    }),
  );
  return root;
}

describe('sandbox CRM schemas and owners', () => {
  let crm: Crm;
  afterEach(() => crm.close());

  it('creates a custom object schema and stores records of it', async () => {
    crm = await startCrm();
    const schema = await crm.client.crm.schemas.coreApi.create({
      name: 'project',
      labels: { singular: 'Project', plural: 'Projects' },
      primaryDisplayProperty: 'project_name',
      requiredProperties: ['project_name'],
      properties: [
        { name: 'project_name', label: 'Name', type: 'string' as never, fieldType: 'text' },
        { name: 'budget', label: 'Budget', type: 'number' as never, fieldType: 'number' },
      ],
      associatedObjects: ['COMPANY'],
    });
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    const typeId = schema.objectTypeId ?? '';
    expect(schema.fullyQualifiedName).toBe(`p${crm.portal.portalId}_project`);
    expect(schema.associations.map((a) => a.toObjectTypeId)).toContain('0-2');
    const list = await crm.client.crm.schemas.coreApi.getAll();
    expect(list.results.map((s) => s.objectTypeId)).toContain(typeId);
    expect((await crm.client.crm.schemas.coreApi.getById(typeId)).name).toBe('project');

    const rec = await crm.client.crm.objects.basicApi.create(typeId, {
      properties: { project_name: 'Roll-out', budget: '100' },
      associations: [],
    });
    const company = String(crm.portal.createObject('companies', { name: 'Acme' }).id);
    await crm.client.crm.associations.v4.basicApi.createDefault(
      typeId,
      rec.id,
      'companies',
      company,
    );
    const byName = await crm.client.crm.objects.basicApi.getById(
      schema.fullyQualifiedName ?? '',
      rec.id,
      ['project_name', 'budget'],
      undefined,
      ['companies'],
    );
    expect(byName.properties).toMatchObject({ project_name: 'Roll-out', budget: '100' });
    expect(byName.associations?.companies.results.map((r) => r.id)).toEqual([company]);
    const found = await crm.client.crm.objects.searchApi.doSearch(typeId, {
      query: 'roll',
      filterGroups: [],
      sorts: [],
      properties: ['project_name'],
      limit: 10,
      after: '0',
    });
    expect(found.total).toBe(1);
  });

  it('registers app objects from project metafiles when asked', async () => {
    crm = await startCrm({
      defaultPortal: { appObjects: true, projectRoot: projectWithAppObject() },
    });
    const schemas = await crm.client.crm.schemas.coreApi.getAll();
    expect(schemas.results.map((s) => s.fullyQualifiedName)).toEqual(['kam_review']);
    const rec = await crm.client.crm.objects.basicApi.create('kam_review', {
      properties: { title: 'Q1', review_key: '1:2025Q1', score: '80' },
      associations: [],
    });
    const company = String(crm.portal.createObject('companies', { name: 'Acme' }).id);
    await crm.client.crm.associations.v4.basicApi.createDefault(
      'KAM_REVIEW',
      rec.id,
      'companies',
      company,
    );
    const again = await apiError(
      crm.client.crm.objects.basicApi.create('kam_review', {
        properties: { title: 'dup', review_key: '1:2025Q1' },
        associations: [],
      }),
    );
    expect(again.code).toBe(409);
    const byKey = await crm.client.crm.objects.basicApi.getById(
      'kam_review',
      '1:2025Q1',
      ['score'],
      undefined,
      undefined,
      false,
      'review_key',
    );
    expect(byKey.id).toBe(rec.id);
  });

  it('works without app objects and without metafiles', async () => {
    crm = await startCrm({
      defaultPortal: { appObjects: true, projectRoot: tempDir('kam-empty-') },
    });
    expect((await crm.client.crm.schemas.coreApi.getAll()).results).toEqual([]);
    const err = await apiError(crm.client.crm.objects.basicApi.getPage('kam_review'));
    expect(err.code).toBe(400);
  });

  it('lists owners with paging and gets one by id', async () => {
    crm = await startCrm();
    const first = await crm.client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(first.results).toHaveLength(2);
    expect(first.results[0]).toMatchObject({ type: 'PERSON', archived: false });
    expect(first.results[0].createdAt).toBeInstanceOf(Date);
    const second = await crm.client.crm.owners.ownersApi.getPage(
      undefined,
      first.paging?.next?.after,
      2,
    );
    expect(second.results[0].id).not.toBe(first.results[0].id);
    const all = await crm.client.crm.owners.ownersApi.getPage(undefined, undefined, 100);
    expect(all.results).toHaveLength(5);
    const one = await crm.client.crm.owners.ownersApi.getById(Number(all.results[2].id));
    expect(one.email).toBe(all.results[2].email);
    const byEmail = await crm.client.crm.owners.ownersApi.getPage(all.results[1].email);
    expect(byEmail.results.map((o) => o.id)).toEqual([all.results[1].id]);
    crm.portal.owners.archive(all.results[4].id);
    expect(
      (await crm.client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true)).results,
    ).toHaveLength(1);
    expect((await apiError(crm.client.crm.owners.ownersApi.getById(1))).code).toBe(404);
  });
});
