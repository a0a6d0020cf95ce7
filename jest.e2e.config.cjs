// `npm run test:e2e`: the browser test (Debian's chromium at /usr/bin/chromium), with the
// unit project's transform so it renders the same TypeScript and ESM-only UI kit.
const unit = require('./jest.config.cjs').projects.find((p) => p.displayName === 'unit');

module.exports = {
  ...unit,
  rootDir: __dirname,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
};
