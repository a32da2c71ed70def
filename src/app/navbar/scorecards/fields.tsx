/** Labelled form fields in Garden's look, each with its path-named errors tied by aria-describedby. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Errors = ReadonlyMap<string, string[]>;

interface Common {
  /** DOM id of the control; the message and hint ids derive from it. */
  id: string;
  label: string;
  hint?: string | undefined;
  /** The schema path whose messages show beside this field, e.g. `sections[0].criteria[1].weight`. */
  path: string;
  errors: Errors;
  /** Extra paths whose messages also belong here (e.g. a union reported one level up). */
  morePaths?: string[] | undefined;
  compact?: boolean;
  class?: string;
}

export function messagesFor(errors: Errors, paths: readonly string[]): string[] {
  return paths.flatMap((p) => errors.get(p) ?? []);
}

function useFieldMeta({ id, hint, path, errors, morePaths }: Common) {
  const messages = messagesFor(errors, [path, ...(morePaths ?? [])]);
  const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { messages, describedBy, invalid: messages.length > 0 };
}

export function FieldMessages({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div class="c-field__message qa-field-error" id={`${id}-error`}>
      {messages.map((m) => (
        <span key={m}>{m}</span>
      ))}
    </div>
  );
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <div class="c-field__hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

function Shell(props: Common & { children: ComponentChildren; messages: string[] }) {
  return (
    <div class={`c-field ${props.compact ? 'c-field--compact' : ''} ${props.messages.length ? 'c-field--error' : ''} ${props.class ?? ''}`}>
      <label class="c-field__label" for={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      {props.children}
      <FieldMessages id={props.id} messages={props.messages} />
    </div>
  );
}

export function TextField(props: Common & { value: string; onValue: (v: string) => void; multiline?: boolean; placeholder?: string }) {
  const meta = useFieldMeta(props);
  const shared = {
    id: props.id,
    value: props.value,
    placeholder: props.placeholder,
    'aria-invalid': meta.invalid || undefined,
    'aria-describedby': meta.describedBy,
    onInput: (e: Event) => props.onValue((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <Shell {...props} messages={meta.messages}>
      {props.multiline ? (
        <textarea class="c-field__input c-field__input--area" rows={2} {...shared} />
      ) : (
        <input class="c-field__input" type="text" {...shared} />
      )}
    </Shell>
  );
}

const parseNumber = (raw: string): number => (raw.trim() === '' ? Number.NaN : Number(raw.trim().replace(',', '.')));
const formatNumber = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '' : String(n));

/**
 * A number typed as text: a half-typed "0." or "" stays on screen while the draft holds NaN,
 * which the schema reports as "must be a number".
 */
export function NumberField(
  props: Common & { value: number | undefined; onValue: (v: number) => void; min?: number; max?: number; step?: number },
) {
  const meta = useFieldMeta(props);
  const [raw, setRaw] = useState(formatNumber(props.value));
  useEffect(() => {
    const shown = parseNumber(raw);
    if (!Object.is(shown, props.value) && !(Number.isNaN(shown) && props.value === undefined)) setRaw(formatNumber(props.value));
    // only an outside change (load, reset) rewrites the text
  }, [props.value]);
  return (
    <Shell {...props} messages={meta.messages}>
      <input
        class="c-field__input qa-number"
        id={props.id}
        type="text"
        inputMode="decimal"
        value={raw}
        aria-invalid={meta.invalid || undefined}
        aria-describedby={meta.describedBy}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setRaw(text);
          props.onValue(parseNumber(text));
        }}
      />
    </Shell>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(props: Common & { value: string; choices: readonly Choice[]; onValue: (v: string) => void }) {
  const meta = useFieldMeta(props);
  return (
    <Shell {...props} messages={meta.messages}>
      <select
        class="c-field__input c-field__input--select"
        id={props.id}
        value={props.value}
        aria-invalid={meta.invalid || undefined}
        aria-describedby={meta.describedBy}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField(props: { id: string; label: string; checked: boolean; onValue: (v: boolean) => void; hint?: string }) {
  return (
    <div class="c-field qa-check">
      <input
        class="c-field__checkbox"
        type="checkbox"
        id={props.id}
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      <label class="c-field__label" for={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
    </div>
  );
}
