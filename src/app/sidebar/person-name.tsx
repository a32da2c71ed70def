/** A person's name, asked of Zendesk (ui/use-names.ts); the sidebar fetches this on first use (names.ts). */
import { useNames } from '../ui/use-names.ts';

export interface PersonNameProps {
  id: number;
  /** The words around the name (e.g. "by {{name}}"); the name alone by default. */
  format?: (name: string) => string;
}

/** The name once Zendesk has said it, "#id" when it does not know the person, nothing while it is asked. */
export function PersonName({ id, format = (name) => name }: PersonNameProps) {
  const name = useNames()(id);
  return name === undefined ? null : format(name ?? `#${id}`);
}
