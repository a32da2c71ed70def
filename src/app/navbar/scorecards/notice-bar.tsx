/** A message above a screen: takes focus when it is a problem, so keyboard and screen-reader users hear it. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface NoticeValue {
  tone: 'ok' | 'error' | 'conflict';
  text: string;
  issues?: string[] | undefined;
}

export function NoticeBar({ notice, testId, children }: { notice: NoticeValue | null; testId: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  if (!notice) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      class={`qa-notice-bar qa-notice-bar--${notice.tone}`}
      role={notice.tone === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
    >
      <p>{notice.text}</p>
      {notice.issues?.length ? (
        <ul>
          {notice.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
