import { createRenderer } from '@hubspot/ui-extensions/testing';
import { createElement } from 'react';
import { Probe } from '../extensions/app/cards/ZzProbe.js';
const { render } = createRenderer('crm.record.tab');
console.log(render(createElement(Probe)).toString());
