import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temp directory per test, removed after it; `afterEach` must call `cleanup`. */
export function makeTempDirs() {
  const made: string[] = [];
  return {
    create(prefix = 'samsa-storage-'): string {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(directory);
      return directory;
    },
    cleanup(): void {
      for (const directory of made.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
