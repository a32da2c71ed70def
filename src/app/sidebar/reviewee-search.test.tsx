// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount, settle, type, type Mounted } from '../ui/testing.tsx';
import { useNames } from '../ui/use-names.ts';
import { FAKE_CONTEXT, FAKE_METADATA, createFakeZaf } from '../zaf/fake-zaf.ts';
import type { ZafRequestOptions } from '../zaf/port.ts';
import { ZafSessionProvider } from '../zaf/use-zaf.tsx';
import { RevieweeSearch } from './reviewee-search.tsx';
import { candidates, SEARCH_DELAY_MS, type Person } from './use-reviewee.ts';

const MEMBERS = [
  { id: 1, name: 'Alex Agent', role: 'agent' },
  { id: 2, name: 'Sam Support', role: 'agent' },
  { id: 3, name: 'Casey Customer', role: 'end-user' },
];
const EVERYONE = [...MEMBERS, { id: 4, name: 'Samira Stone', role: 'admin' }, { id: 5, name: 'Sam Buyer', role: 'end-user' }];

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

function zendesk() {
  const asked: string[] = [];
  const zaf = createFakeZaf({
    request: async (o: ZafRequestOptions) => {
      asked.push(o.url);
      if (o.url === '/api/v2/groups/7/users.json') return { status: 200, headers: {}, responseJSON: { users: MEMBERS } };
      const typed = /autocomplete\.json\?name=(.*)$/.exec(o.url);
      if (typed) {
        const q = decodeURIComponent(typed[1]!).toLowerCase();
        const users = EVERYONE.filter((u) =>
          u.name
            .toLowerCase()
            .split(' ')
            .some((w) => w.startsWith(q)),
        );
        return { status: 200, headers: {}, responseJSON: { users } };
      }
      const many = /show_many\.json\?ids=([\d,]+)/.exec(o.url);
      if (many) {
        const ids = many[1]!.split(',').map(Number);
        return { status: 200, headers: {}, responseJSON: { users: EVERYONE.filter((u) => ids.includes(u.id)) } };
      }
      throw new Error(`unexpected ${o.url}`);
    },
  });
  return { zaf, asked };
}

const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

async function key(target: Element, k: string) {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });
}

/** Names as a view of the same page sees them: a name picked in the search needs no request. */
function Named({ id }: { id: number }) {
  return <output>{useNames()(id) ?? '?'}</output>;
}

async function show(groupId: number | null) {
  const { zaf, asked } = zendesk();
  const picked: Person[] = [];
  const cancelled: number[] = [];
  view = await mount(
    <ZafSessionProvider session={{ zaf, metadata: FAKE_METADATA, context: FAKE_CONTEXT }}>
      <RevieweeSearch groupId={groupId} reviewerId={99} onPick={(p) => picked.push(p)} onCancel={() => cancelled.push(1)} />
    </ZafSessionProvider>,
  );
  const input = view.el.querySelector<HTMLInputElement>('input[role=combobox]')!;
  const options = () => [...view!.el.querySelectorAll('[role=option]')].map((o) => o.textContent);
  const active = () => {
    const id = input.getAttribute('aria-activedescendant');
    return id ? view!.el.querySelector(`#${id}`)?.textContent : null;
  };
  return { zaf, input, options, active, picked, cancelled, asked };
}

describe('reviewee search', () => {
  it("offers the ticket's group members first (no end users), with focus in the text box", async () => {
    const s = await show(7);
    expect(document.activeElement).toBe(s.input);
    expect(s.options()).toEqual(['Alex Agentui.sidebar.groupMember', 'Sam Supportui.sidebar.groupMember']);
    expect(s.input.getAttribute('aria-expanded')).toBe('true');
    expect(s.input.getAttribute('aria-controls')).toBe(s.input.ownerDocument.querySelector('[role=listbox]')!.id);
    expect(s.active()).toContain('Alex Agent');
  });

  it('finds people by part of a name, members first, and picks with the keyboard', async () => {
    const s = await show(7);
    await type(s.input, 'sam');
    // members filter at once; Zendesk is asked once typing pauses
    expect(s.options()).toEqual(['Sam Supportui.sidebar.groupMember']);
    await wait(SEARCH_DELAY_MS + 20);
    await settle();
    expect(s.asked.filter((u) => u.includes('autocomplete'))).toEqual(['/api/v2/users/autocomplete.json?name=sam']);
    expect(s.options()).toEqual(['Sam Supportui.sidebar.groupMember', 'Samira Stone']);
    await key(s.input, 'ArrowDown');
    expect(s.active()).toBe('Samira Stone');
    await key(s.input, 'ArrowDown');
    expect(s.active()).toBe('Samira Stone');
    await key(s.input, 'ArrowUp');
    await key(s.input, 'ArrowDown');
    await key(s.input, 'Enter');
    expect(s.picked).toEqual([{ id: 4, name: 'Samira Stone', member: false }]);
    // the picked name is known to the page: another view shows it without asking Zendesk
    const other = await mount(
      <ZafSessionProvider session={{ zaf: s.zaf, metadata: FAKE_METADATA, context: FAKE_CONTEXT }}>
        <Named id={4} />
      </ZafSessionProvider>,
    );
    expect(other.el.textContent).toBe('Samira Stone');
    await other.unmount();
    expect(s.asked.some((u) => u.includes('show_many'))).toBe(false);
  });

  it('says when no one matches; Escape closes the list, then the search', async () => {
    const s = await show(null);
    expect(view!.el.querySelector('[role=status]')!.textContent).toBe('ui.sidebar.typeName');
    await type(s.input, 'zz');
    await wait(SEARCH_DELAY_MS + 20);
    await settle();
    expect(s.options()).toEqual([]);
    expect(view!.el.querySelector('[role=status]')!.textContent).toBe('ui.sidebar.noMatch');
    await type(s.input, 'al');
    await wait(SEARCH_DELAY_MS + 20);
    await settle();
    expect(s.options()).toEqual(['Alex Agent']);
    await key(s.input, 'Escape');
    expect(s.input.getAttribute('aria-expanded')).toBe('false');
    expect(s.input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(s.cancelled).toEqual([]);
    await key(s.input, 'Escape');
    expect(s.cancelled).toEqual([1]);
  });
});

describe('candidates', () => {
  const members = [
    { id: 1, name: 'Alex Agent' },
    { id: 2, name: 'Sam Support' },
  ];
  it('lists matching members, then members Zendesk found another way, then the others, each once', () => {
    const found = [
      { id: 9, name: 'Sammy Nine' },
      { id: 1, name: 'Alex Agent' },
      { id: 2, name: 'Sam Support' },
    ];
    expect(candidates(members, found, ' SAM ').map((c) => [c.id, c.member])).toEqual([
      [2, true],
      [1, true],
      [9, false],
    ]);
    expect(candidates(members, [], '').map((c) => c.id)).toEqual([1, 2]);
    // the reviewer is never offered
    expect(candidates(members, found, 'sam', 2).map((c) => c.id)).toEqual([1, 9]);
    expect(
      candidates(
        [],
        Array.from({ length: 40 }, (_, i) => ({ id: i + 1, name: `P${i}` })),
        'p',
      ),
    ).toHaveLength(25);
  });
});
