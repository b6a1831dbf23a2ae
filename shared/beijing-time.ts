// One time zone for people: Beijing time (UTC+8, no daylight saving), written as such. Stored
// times are ISO instants (UTC); the UI, the CLI and the reports all print them through here, so a
// batch imported at 09:30 reads 09:30 whatever zone the laptop is set to.

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The label every printed time carries. */
export const BEIJING_LABEL = '（北京时间）';

/** `2023-07-10 14:05` (or with seconds) in Beijing time, without the label; the input unchanged when it is not a time. */
export function beijingClock(time: string | Date, withSeconds = false): string {
  const d = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(d.getTime())) return String(time);
  const text = new Date(d.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, withSeconds ? 19 : 16);
  return text.replace('T', ' ');
}

/** `2023-07-10 14:05（北京时间）`. */
export function beijingTime(time: string | Date, withSeconds = false): string {
  const d = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(d.getTime())) return String(time);
  return beijingClock(d, withSeconds) + BEIJING_LABEL;
}

/** The calendar day in Beijing, YYYY-MM-DD. */
export function beijingDay(time: Date): string {
  return new Date(time.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}
