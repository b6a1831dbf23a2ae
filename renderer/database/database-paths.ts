// Paths in the core's folder, shared by the chooser's hook and its path form.
import type { WorkspaceState } from '../../shared/api/operations';

/** A path in the core's folder, with the separator that folder uses (Windows or POSIX). */
export function joinFolder(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/** The demo is open when the open file is the demo.db in the core's folder (then 打开演示数据 is off). */
export function isDemoOpen(current: WorkspaceState): boolean {
  return current.demo && current.path !== null && current.path === joinFolder(current.homeFolder, 'demo.db');
}
