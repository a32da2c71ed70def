// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeZaf, FAKE_CONTEXT, FAKE_METADATA } from '../zaf/fake-zaf.ts';
import { ZafSessionProvider } from '../zaf/use-zaf.tsx';
import { settle, type Mounted } from './testing.tsx';
import { useNames } from './use-names.ts';

let view: Mounted | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

function Name({ id }: { id: number }) {
  return <span>{useNames()(id) ?? '…'}</span>;
}

describe('useNames', () => {
  it('shows a name Zendesk answers before the view has subscribed to answers', async () => {
    // answered at once: the request settles before the effects of the render that asked have run
    const zaf = createFakeZaf({
      request: () => ({ status: 200, headers: {}, responseJSON: { users: [{ id: 7, name: 'Rita Reviewer' }] } }),
    });
    // rendered as the browser does, effects after the next frame (not flushed at once as act() does)
    const el = document.createElement('div');
    document.body.append(el);
    render(
      <ZafSessionProvider session={{ zaf, metadata: FAKE_METADATA, context: FAKE_CONTEXT }}>
        <Name id={7} />
      </ZafSessionProvider>,
      el,
    );
    view = {
      el,
      async unmount() {
        render(null, el);
        el.remove();
      },
    };
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle(2);
    expect(el.textContent).toBe('Rita Reviewer');
    expect(zaf.requests).toHaveLength(1);
  });
});
