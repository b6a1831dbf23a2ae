// What the header says about the provincial server and a sync, in the analysts' words (pure, so
// it is tested apart from the page).
import type { ServerStatus, SyncProgress, SyncResult } from '../../shared/api/central';
import { ROLE_LABELS } from '../../shared/api/server-accounts';

export type ChipKind = 'none' | 'connected' | 'unreachable' | 'expired' | 'offline';

export interface ChipText {
  kind: ChipKind;
  label: string;
  /** The longer explanation (tooltip, panel). */
  detail: string | null;
}

export function roleText(user: NonNullable<ServerStatus['user']>): string {
  return user.region ? `${ROLE_LABELS[user.role]}·${user.region}` : ROLE_LABELS[user.role];
}

export function chipText(status: ServerStatus | null): ChipText {
  if (!status || status.url === null) return { kind: 'none', label: '未连接省厅服务器', detail: null };
  if (status.reachable === false) return { kind: 'unreachable', label: '服务器不可达', detail: status.error };
  if (status.connected && status.user)
    return { kind: 'connected', label: `已连接：${status.user.name}（${roleText(status.user)}）`, detail: status.error };
  if (status.error && /登录已过期/.test(status.error)) return { kind: 'expired', label: '登录已过期', detail: status.error };
  return { kind: 'offline', label: '未登录省厅服务器', detail: status.error ?? `服务器 ${status.url}` };
}

const STAGE: Record<SyncProgress['stage'], string> = { changes: '读取变更', facts: '下载数据', apply: '写入本机' };

/** '下载数据 3/12（25%）'; a stage with nothing counted yet: its name only. */
export function progressText(p: SyncProgress): string {
  if (p.total <= 0) return `正在同步：${STAGE[p.stage]}…`;
  return `正在同步：${STAGE[p.stage]} ${p.done}/${p.total}（${progressPercent(p)}%）`;
}

export function progressPercent(p: SyncProgress): number {
  if (p.total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

/** An ISO time as the analysts read it, in local time: 2024-07-03 14:05. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What one sync brought, in a sentence. */
export function pulledText(r: SyncResult): string {
  if (r.batches_added === 0 && r.batches_undone === 0) return '已是最新，没有新的数据';
  const parts: string[] = [];
  if (r.batches_added > 0) parts.push(`新增 ${r.batches_added} 批（${r.facts_added.toLocaleString('en-US')} 条数据）`);
  if (r.batches_undone > 0) parts.push(`撤销 ${r.batches_undone} 批`);
  let text = parts.join('，');
  if (r.local_facts_superseded > 0)
    text += `；本机导入的 ${r.local_facts_superseded.toLocaleString('en-US')} 条数据被省厅采用的数据替代（可撤销）`;
  return text;
}

/** The last sync as the status keeps it (any session): time and changes applied. */
export function lastSyncText(status: ServerStatus | null): string {
  if (!status?.lastSync) return '尚未同步';
  const { at, pulled } = status.lastSync;
  return `${localTime(at)}（${pulled > 0 ? `更新 ${pulled} 项变更` : '无新变更'}）`;
}
