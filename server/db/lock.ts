import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `Thư mục dữ liệu ${folder} đang được tiến trình ${pid} sử dụng; cơ sở dữ liệu nhúng chỉ thuộc về một tiến trình. ` +
        `Hãy dừng tiến trình đó, hoặc dùng DATABASE_URL (PostgreSQL) để chạy nhiều tiến trình.\n` +
        `The data folder ${folder} is in use by process ${pid}; an embedded database belongs to one process. ` +
        `Stop that process, or use DATABASE_URL (PostgreSQL) to run several.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's folder for this process. The lock is a file created exclusively
 * (O_EXCL), holding our pid; a lock left by a dead process is taken over. Returns the release function.
 * Throws DataFolderInUseError, having touched nothing, when a live process holds it.
 */
export function lockDataFolder(folder: string): () => void {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'xaso.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) throw new DataFolderInUseError(folder, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${folder}`);
}
