import { keyAccountText } from '../../extensions/app/cards/key-account/text.js';
import { committeeText } from '../../extensions/app/cards/committee/text.js';
import { portfolioText } from '../../extensions/app/pages/portfolio/text.js';
import { settingsText } from '../../extensions/app/settings/text.js';
import {
  allFields,
  allGroups,
  settingsTabs,
} from '../../extensions/app/settings/settings-fields.js';
import { sharedText } from '../../extensions/app/shared/text.js';
import { placeholdersOf } from '../../src/domain/messages/render.js';
import { catalog } from '../../src/domain/messages/index.js';

/** Every UI label exists in both languages with the same placeholders, and never shadows an engine message. */
const tables = {
  shared: sharedText,
  keyAccount: keyAccountText,
  committee: committeeText,
  portfolio: portfolioText,
  settings: settingsText,
};

describe('UI text tables', () => {
  it.each(Object.entries(tables))(
    '%s: English and Chinese have the same keys and placeholders',
    (_name, table) => {
      expect(Object.keys(table['zh-CN']).sort()).toEqual(Object.keys(table.en).sort());
      for (const [key, en] of Object.entries(table.en)) {
        expect([key, placeholdersOf(table['zh-CN'][key] ?? '')]).toEqual([key, placeholdersOf(en)]);
      }
    },
  );

  it('no UI key collides with an engine message code', () => {
    const ui = Object.values(tables).flatMap((t) => Object.keys(t.en));
    expect(ui.filter((k) => k in catalog.en)).toEqual([]);
    expect(new Set(ui).size).toBe(ui.length);
  });

  it('every setting, group, tab and option has a label', () => {
    const en = settingsText.en;
    const keys = [
      ...allFields().map((f) => `s.${f.path.join('.')}`),
      ...allGroups().map((g) => `s.${g.path.join('.')}`),
      ...settingsTabs().map((t) => `s.tab.${t.id}`),
      ...allFields()
        .filter(
          (f) =>
            f.field === 'select' ||
            f.field === 'owner' ||
            (f.field === 'multiselect' &&
              !['alerts.disabled', 'alerts.taskLevels'].includes(f.path.join('.'))),
        )
        .flatMap((f) =>
          f.field === 'owner'
            ? [`s.${f.path.join('.')}.none`]
            : f.options.map((o) => `s.${f.path.join('.')}.${o}`),
        ),
    ];
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });
});
