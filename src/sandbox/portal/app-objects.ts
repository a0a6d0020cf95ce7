import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PortalState } from './portal-state.js';
import { STANDARD_ALIASES } from './schemas.js';

/** The parts of an `app-object` / `app-object-association` metafile the sandbox uses. */
const appObjectMetaSchema = z.object({
  uid: z.string(),
  type: z.literal('app-object'),
  config: z.object({
    name: z.string(),
    description: z.string().optional(),
    singularForm: z.string().optional(),
    pluralForm: z.string().optional(),
    primaryDisplayLabelPropertyName: z.string().optional(),
    secondaryDisplayLabelPropertyNames: z.array(z.string()).optional(),
    properties: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.string(),
        fieldType: z.string(),
        groupName: z.string().optional(),
        description: z.string().optional(),
        hasUniqueValue: z.boolean().optional(),
        options: z
          .array(
            z.object({
              label: z.string(),
              value: z.string(),
              displayOrder: z.number().optional(),
              hidden: z.boolean().optional(),
            }),
          )
          .optional(),
      }),
    ),
  }),
});

const associationMetaSchema = z.object({
  uid: z.string(),
  type: z.literal('app-object-association'),
  config: z.object({ firstObjectType: z.string(), secondObjectType: z.string() }),
});

export type AppObjectMeta = z.infer<typeof appObjectMetaSchema>;
export type AppObjectAssociationMeta = z.infer<typeof associationMetaSchema>;

export interface AppObjectSchemas {
  objects: AppObjectMeta[];
  associations: AppObjectAssociationMeta[];
}

function readDir<T>(dir: string, schema: z.ZodType<T>): T[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .sort()
    .flatMap((f) => {
      const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      return parsed.success ? [parsed.data] : [];
    });
}

/** Reads extensions/app/app-objects and app-object-associations; both may be absent. */
export function loadAppObjectSchemas(projectRoot: string): AppObjectSchemas {
  const app = join(projectRoot, 'extensions', 'app');
  return {
    objects: readDir(join(app, 'app-objects'), appObjectMetaSchema),
    associations: readDir(join(app, 'app-object-associations'), associationMetaSchema),
  };
}

/**
 * Registers app objects as custom object types. They answer to their uid
 * ('kam_alert'), their config name ('KAM_ALERT') and their objectTypeId.
 */
export function registerAppObjects(portal: PortalState, metas: AppObjectSchemas): void {
  for (const m of metas.objects) {
    const c = m.config;
    portal.schemas.create(
      {
        name: m.uid,
        labels: { singular: c.singularForm, plural: c.pluralForm },
        description: c.description,
        primaryDisplayProperty: c.primaryDisplayLabelPropertyName,
        secondaryDisplayProperties: c.secondaryDisplayLabelPropertyNames,
        properties: c.properties,
      },
      { appObject: true, fullyQualifiedName: m.uid, aliases: [c.name] },
    );
  }
  for (const a of metas.associations) {
    const first = portal.core.types.resolve(
      STANDARD_ALIASES[a.config.firstObjectType.toUpperCase()] ?? a.config.firstObjectType,
    );
    const second = portal.core.types.resolve(
      STANDARD_ALIASES[a.config.secondObjectType.toUpperCase()] ?? a.config.secondObjectType,
    );
    if (first && second) portal.core.associationTypes.ensurePair(first.name, second.name);
  }
}
