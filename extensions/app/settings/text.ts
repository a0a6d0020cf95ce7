import type { TextTable } from './shared/i18n.js';
import { settingsTextEn } from './text-en.js';
import { settingsTextZh } from './text-zh.js';

export const settingsText: TextTable = { en: settingsTextEn, 'zh-CN': settingsTextZh };
