import { Flex, Text, Tile, Heading, Statistics, StatisticsItem, StatisticsTrend, Accordion, LineChart, DescriptionList, DescriptionListItem } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
const { render } = createRenderer('crm.record.tab');
const root = render(<Flex direction="column" gap="small"><Heading>Hi</Heading><Tile><Text format={{ fontWeight: 'bold' }}>a {'<b>'} b</Text></Tile>
<Statistics><StatisticsItem label="Score" number="72.1"><StatisticsTrend direction="increase" value="3.2" /></StatisticsItem></Statistics>
<Accordion title="More"><Text>inside</Text></Accordion>
<DescriptionList><DescriptionListItem label="x"><Text>y</Text></DescriptionListItem></DescriptionList>
<LineChart data={[{q:'a', v: 1}]} axes={{x:{field:'q', fieldType:'category'}, y:{field:'v', fieldType:'linear'}}} />
</Flex>);
function walk(n: any, d = 0): void {
  const pad = ' '.repeat(d * 2);
  if (n.nodeType === 'text') { console.log(pad + JSON.stringify(n.text)); return; }
  console.log(pad + n.nodeType + ' ' + (n.name ?? '') + ' ' + JSON.stringify(Object.keys(n.props ?? {})));
  for (const c of n.childNodes ?? []) walk(c, d + 1);
}
walk(root);
