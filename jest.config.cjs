// Jest 30 + @swc/jest. ESM-only packages (the HubSpot UI kit and its deps) are transformed too.
// PGlite's CJS build loads its parts with dynamic import(), which jest allows only when transformed.
const esmPackages = ['@hubspot/ui-extensions', '@remote-ui', 'tinyspy', '@electric-sql/pglite'];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.(m|c)js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // Sources import with NodeNext-style ".js" extensions; map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/postgres/', '<rootDir>/test/resilience/'],
    },
    {
      // Real processes (sandbox, web, worker) over loopback: minutes, so run apart from `npm test`.
      ...base,
      displayName: 'resilience',
      testMatch: ['<rootDir>/test/resilience/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'postgres',
      testMatch: ['<rootDir>/test/postgres/**/*.test.ts'],
    },
  ],
};
