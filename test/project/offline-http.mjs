// Stands in for `@hubspot/local-dev-lib/http` while the project is parsed in tests.
// @hubspot/project-parsing-lib validates every component against JSON schemas it
// downloads from HubSpot (`project-components-external/project-schemas/v3/<version>`,
// which needs an account and the network). Tests have neither, so this module serves
// our own offline schemas instead. They are stricter than HubSpot's on purpose where
// we are sure (names, locations, URLs), written from HubSpot's 2026.03 templates and
// docs; HubSpot's authoritative check still runs on `hs project validate` / upload.

const httpsUrl = { type: 'string', pattern: '^https://[^\\s/?#]+(/[^\\s?#]*)?$' };
const redirectUrl = { type: 'string', pattern: '^(https://|http://localhost[:/])[^\\s?#]+$' };
const nonEmpty = { type: 'string', minLength: 1 };
const stringList = { type: 'array', items: nonEmpty, uniqueItems: true };
const option = {
  type: 'object',
  required: ['label', 'value'],
  properties: {
    label: nonEmpty,
    value: nonEmpty,
    description: { type: 'string' },
    displayOrder: { type: 'integer' },
    hidden: { type: 'boolean' },
  },
  additionalProperties: false,
};
const entrypoint = (folder) => ({
  type: 'string',
  pattern: `^/app/${folder}/[A-Za-z0-9_-]+\\.(tsx|jsx)$`,
});

const application = {
  type: 'object',
  required: ['name', 'description', 'distribution', 'auth', 'permittedUrls', 'support'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: nonEmpty,
    distribution: { enum: ['private', 'marketplace'] },
    auth: {
      type: 'object',
      required: ['type', 'redirectUrls', 'requiredScopes'],
      properties: {
        type: { enum: ['oauth', 'static'] },
        redirectUrls: { type: 'array', items: redirectUrl, minItems: 1, uniqueItems: true },
        requiredScopes: { ...stringList, contains: { const: 'oauth' } },
        optionalScopes: stringList,
        conditionallyRequiredScopes: stringList,
      },
      additionalProperties: false,
    },
    permittedUrls: {
      type: 'object',
      properties: {
        fetch: { type: 'array', items: httpsUrl, uniqueItems: true },
        iframe: { type: 'array', items: httpsUrl, uniqueItems: true },
        img: { type: 'array', items: httpsUrl, uniqueItems: true },
      },
      additionalProperties: false,
    },
    support: {
      type: 'object',
      required: ['supportEmail', 'documentationUrl'],
      properties: {
        supportEmail: { type: 'string', format: 'email' },
        documentationUrl: httpsUrl,
        supportUrl: httpsUrl,
        supportPhone: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const card = {
  type: 'object',
  required: ['name', 'location', 'entrypoint', 'objectTypes'],
  properties: {
    name: nonEmpty,
    description: { type: 'string' },
    location: { enum: ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] },
    entrypoint: entrypoint('cards'),
    objectTypes: {
      type: 'array',
      items: { enum: ['contacts', 'companies', 'deals', 'tickets'] },
      minItems: 1,
    },
  },
  additionalProperties: false,
};

const settings = {
  type: 'object',
  required: ['entrypoint'],
  properties: { entrypoint: entrypoint('settings') },
  additionalProperties: false,
};

const page = {
  type: 'object',
  required: ['entrypoint'],
  properties: { entrypoint: entrypoint('pages'), location: { type: 'string' } },
  additionalProperties: false,
};

const subscription = (extra) => ({
  type: 'object',
  required: ['subscriptionType', 'active', ...extra.required],
  properties: {
    subscriptionType: extra.subscriptionType,
    active: { type: 'boolean' },
    propertyName: nonEmpty,
    ...extra.properties,
  },
  additionalProperties: false,
  // A property-change subscription is meaningless without the property.
  if: { properties: { subscriptionType: { pattern: 'propertyChange$' } } },
  then: { required: ['propertyName'] },
  else: { not: { required: ['propertyName'] } },
});

const webhooks = {
  type: 'object',
  required: ['settings', 'subscriptions'],
  properties: {
    settings: {
      type: 'object',
      required: ['targetUrl', 'maxConcurrentRequests'],
      properties: {
        targetUrl: httpsUrl,
        maxConcurrentRequests: { type: 'integer', minimum: 1, maximum: 100 },
      },
      additionalProperties: false,
    },
    subscriptions: {
      type: 'object',
      properties: {
        crmObjects: {
          type: 'array',
          items: subscription({
            required: ['objectType'],
            subscriptionType: {
              enum: [
                'object.creation',
                'object.deletion',
                'object.merge',
                'object.restore',
                'object.propertyChange',
                'object.associationChange',
              ],
            },
            properties: { objectType: { type: 'string', pattern: '^[a-z_]+$' } },
          }),
        },
        legacyCrmObjects: {
          type: 'array',
          items: subscription({
            required: [],
            subscriptionType: { type: 'string', pattern: '^[a-z_]+\\.[A-Za-z]+$' },
            properties: {},
          }),
        },
        hubEvents: {
          type: 'array',
          items: subscription({
            required: [],
            subscriptionType: {
              enum: [
                'contact.privacyDeletion',
                'conversation.creation',
                'conversation.deletion',
                'conversation.newMessage',
                'conversation.privacyDeletion',
                'conversation.propertyChange',
              ],
            },
            properties: {},
          }),
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const fieldTypeDefinition = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    type: { enum: ['string', 'number', 'bool', 'date', 'datetime', 'enumeration', 'phone_number'] },
    fieldType: {
      enum: [
        'text',
        'textarea',
        'number',
        'select',
        'radio',
        'checkbox',
        'booleancheckbox',
        'date',
        'file',
        'phonenumber',
      ],
    },
    options: { type: 'array', items: option },
    referencedObjectType: { type: 'string' },
    optionsUrl: httpsUrl,
  },
  additionalProperties: false,
};

const workflowAction = {
  type: 'object',
  required: ['actionUrl', 'supportedClients', 'labels', 'objectTypes'],
  properties: {
    actionUrl: httpsUrl,
    isPublished: { type: 'boolean' },
    supportedClients: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['client'],
        properties: { client: { enum: ['WORKFLOWS', 'AGENTS'] } },
        additionalProperties: false,
      },
    },
    objectTypes: {
      type: 'array',
      minItems: 1,
      items: { enum: ['CONTACT', 'COMPANY', 'DEAL', 'TICKET'] },
    },
    inputFields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['typeDefinition', 'supportedValueTypes', 'isRequired'],
        properties: {
          typeDefinition: fieldTypeDefinition,
          supportedValueTypes: {
            type: 'array',
            minItems: 1,
            items: {
              enum: [
                'STATIC_VALUE',
                'OBJECT_PROPERTY',
                'FIELD_DATA',
                'FETCHED_OBJECT_PROPERTY',
                'ENROLLMENT_EVENT_PROPERTY',
              ],
            },
          },
          isRequired: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    },
    outputFields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['typeDefinition'],
        properties: { typeDefinition: fieldTypeDefinition },
        additionalProperties: false,
      },
    },
    inputFieldDependencies: { type: 'array' },
    labels: {
      type: 'object',
      required: ['en'],
      additionalProperties: {
        type: 'object',
        required: ['actionName'],
        properties: {
          actionName: nonEmpty,
          actionDescription: { type: 'string' },
          actionCardContent: { type: 'string' },
          appDisplayName: { type: 'string' },
          inputFieldLabels: { type: 'object', additionalProperties: { type: 'string' } },
          inputFieldDescriptions: { type: 'object', additionalProperties: { type: 'string' } },
          inputFieldOptionLabels: { type: 'object' },
          outputFieldLabels: { type: 'object', additionalProperties: { type: 'string' } },
          executionRules: { type: 'object', additionalProperties: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const appObjectProperty = {
  type: 'object',
  required: ['name', 'label', 'type', 'fieldType'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    label: nonEmpty,
    description: { type: 'string' },
    type: { enum: ['string', 'number', 'bool', 'date', 'datetime', 'enumeration'] },
    fieldType: {
      enum: [
        'text',
        'textarea',
        'number',
        'select',
        'radio',
        'checkbox',
        'booleancheckbox',
        'date',
        'file',
        'phonenumber',
        'html',
        'calculation_equation',
      ],
    },
    groupName: { type: 'string' },
    options: { type: 'array', items: option },
    hasUniqueValue: { type: 'boolean' },
    readOnlyValue: { type: 'boolean' },
    hidden: { type: 'boolean' },
    formField: { type: 'boolean' },
    calculationFormula: { type: 'string' },
  },
  additionalProperties: false,
  if: { properties: { type: { const: 'enumeration' } } },
  then: { required: ['options'] },
};

const appObject = {
  type: 'object',
  required: [
    'name',
    'description',
    'singularForm',
    'pluralForm',
    'primaryDisplayLabelPropertyName',
    'properties',
    'settings',
  ],
  properties: {
    name: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    description: nonEmpty,
    singularForm: nonEmpty,
    pluralForm: nonEmpty,
    appPrefix: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' },
    primaryDisplayLabelPropertyName: nonEmpty,
    secondaryDisplayLabelPropertyNames: stringList,
    properties: { type: 'array', minItems: 1, items: appObjectProperty },
    propertyGroups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label'],
        properties: { name: nonEmpty, label: nonEmpty },
        additionalProperties: false,
      },
    },
    defaultCreateFormFields: { type: 'array' },
    settings: {
      type: 'object',
      properties: {
        hasRecordPage: { type: 'boolean' },
        allowsUserCreatedRecords: { type: 'boolean' },
        hasEngagements: { type: 'boolean' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const appObjectAssociation = {
  type: 'object',
  required: ['firstObjectType', 'secondObjectType'],
  properties: {
    firstObjectType: nonEmpty,
    secondObjectType: nonEmpty,
    firstToSecondBaseLimit: { type: 'integer', minimum: 1 },
    secondToFirstBaseLimit: { type: 'integer', minimum: 1 },
  },
  additionalProperties: false,
};

/** Keyed by the parser's internal component type (`mapToInternalType`). */
export const offlineSchemas = {
  APPLICATION: application,
  CARD: card,
  SETTINGS: settings,
  PAGE: page,
  WEBHOOKS: webhooks,
  WORKFLOW_ACTION: workflowAction,
  APP_OBJECT: appObject,
  APP_OBJECT_ASSOCIATION: appObjectAssociation,
};

const SCHEMA_PATH = /^project-components-external\/project-schemas\/v3\/[^/]+$/;

export const http = {
  async get(_accountId, options) {
    if (!SCHEMA_PATH.test(options.url)) {
      throw new Error(`offline-http: unexpected request to ${options.url}`);
    }
    return { data: offlineSchemas };
  },
};
