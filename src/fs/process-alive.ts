/**
 * Whether a process of this host with `pid` is running. Signal 0 checks without signalling;
 * EPERM means it runs under another user: alive. Only ESRCH says it is gone.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
