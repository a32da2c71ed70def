/**
 * Where the local Zendesk keeps what changes in it between runs (`npm start` puts it in the data folder, beside the
 * service's database): one JSON file, written a moment after the last change (debounced) and atomically (a temp
 * file renamed over it), so a crash leaves either the previous snapshot or the new one, never half of one.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

export interface StateFile {
  /** The stored snapshot, or null when there is none; an unreadable file is moved aside (`.broken`) and reported. */
  load(): unknown;
  /** Asks for a save of `snapshot()` (called when the save happens, so it holds the latest state). */
  schedule(snapshot: () => unknown): void;
  /** Writes a pending save now; resolves when every save asked for so far is on disk. */
  flush(): Promise<void>;
}

export interface StateFileOptions {
  /** Milliseconds after the last change before writing (default 250). */
  delayMs?: number;
  /** A write or read that failed (the devhost reports it; the state stays in memory). */
  onError?: (message: string) => void;
}

export function createStateFile(path: string, options: StateFileOptions = {}): StateFile {
  const delay = options.delayMs ?? 250;
  const onError = options.onError ?? (() => {});
  const temp = `${path}.${process.pid}.tmp`;
  let pending: (() => unknown) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // one write at a time, in order: the last one written is the latest snapshot
  let writing: Promise<void> = Promise.resolve();

  function write(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const snapshot = pending;
    pending = null;
    if (!snapshot) return writing;
    writing = writing.then(async () => {
      try {
        await writeFile(temp, JSON.stringify(snapshot()));
        await rename(temp, path);
      } catch (err) {
        onError(`could not save the local Zendesk's state to ${path}: ${String(err)}`);
      }
    });
    return writing;
  }

  return {
    load() {
      if (!existsSync(path)) return null;
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch (err) {
        const aside = `${path}.broken`;
        renameSync(path, aside);
        onError(
          `the local Zendesk's state in ${path} could not be read (${String(err)}); moved to ${aside}, starting from the sample data`,
        );
        return null;
      }
    },
    schedule(snapshot) {
      pending = snapshot;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void write(), delay);
      // a pending save does not keep the process alive: close() flushes it
      timer.unref?.();
    },
    flush: write,
  };
}
