/** Small shared status views: a loading line and a titled notice. */
import type { ComponentChildren } from 'preact';

export function Loading({ label }: { label: string }) {
  return (
    <div class="qa-loading" role="status" aria-live="polite">
      {label}
    </div>
  );
}

export function Notice({ title, children, role = 'status' }: { title: string; children?: ComponentChildren; role?: 'status' | 'alert' }) {
  return (
    <section class="qa-notice" role={role}>
      <h1>{title}</h1>
      {children}
    </section>
  );
}
