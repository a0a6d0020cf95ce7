import { createRenderer } from '@hubspot/ui-extensions/testing';
import { createElement } from 'react';
import { KeyAccountCard } from '../extensions/app/cards/KeyAccountCard.js';
const { render } = createRenderer('crm.record.tab');
const root = render(createElement(KeyAccountCard));
console.log(root.toString());
