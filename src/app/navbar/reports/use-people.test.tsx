// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount, settle, type Mounted } from '../../ui/testing.tsx';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf } from '../../zaf/fake-zaf.ts';
import type { ZafRequestOptions } from '../../zaf/port.ts';
import { ZafSessionProvider } from '../../zaf/use-zaf.tsx';
import { usePeople } from './use-people.ts';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const STAFF = [{ id: 1, name: 'Rita Reviewer', role: 'agent' }];
// people Zendesk knows beyond the staff list: a former agent, and 150 others
const OTHERS = new Map<number, string>([
  [50, 'Former Agent'],
  ...Array.from({ length: 150 }, (_, i) => [1000 + i, `Person ${i}`] as const),
]);

function zendesk() {
  const asked: string[] = [];
  const zaf = createFakeZaf({
    request: async (o: ZafRequestOptions) => {
      asked.push(o.url);
      if (o.url.startsWith('/api/v2/users.json')) return { status: 200, headers: {}, responseJSON: { users: STAFF, next_page: null } };
      const many = /show_many\.json\?ids=([\d,]+)/.exec(o.url);
      if (many) {
        const ids = many[1]!.split(',').map(Number);
        return {
          status: 200,
          headers: {},
          responseJSON: { users: ids.flatMap((id) => (OTHERS.has(id) ? [{ id, name: OTHERS.get(id) }] : [])) },
        };
      }
      return { status: 200, headers: {}, responseJSON: {} };
    },
  });
  return { zaf, asked };
}

function Names({ ids }: { ids: number[] }) {
  const people = usePeople();
  return <p>{ids.map((id) => people.personName(id)).join('|')}</p>;
}

describe('usePeople', () => {
  it('names people beyond the staff list with users/show_many, 100 ids a request, each asked once', async () => {
    const { zaf, asked } = zendesk();
    const ids = [1, 50, 99, -7, ...OTHERS.keys()].filter((id, i, all) => all.indexOf(id) === i);
    view = await mount(
      <ZafSessionProvider session={{ zaf, metadata: FAKE_METADATA, context: { ...FAKE_CONTEXT, location: 'nav_bar' } }}>
        <Names ids={ids} />
      </ZafSessionProvider>,
    );
    await settle(6);
    const shown = view.el.textContent!.split('|');
    expect(shown.slice(0, 4)).toEqual(['Rita Reviewer', 'Former Agent', '#99', '#-7']);
    expect(shown[4]).toBe('Person 0');
    const many = asked.filter((u) => u.includes('show_many'));
    expect(many).toHaveLength(2);
    expect(many.map((u) => u.split('ids=')[1]!.split(',').length)).toEqual([100, 52]);
    // a staff member and an erased person (negative id) are never asked for
    expect(many.join(',')).not.toMatch(/[=,](1|-7)(,|$)/);
    await settle(3);
    expect(asked.filter((u) => u.includes('show_many'))).toHaveLength(2);
  });
});
