// A CSV exported from a demo database says so on its first line, as every report does.
import { DEMO_MARK } from '../../shared/demo';

export function withDemoLine(csv: string, demo: boolean): string {
  return demo ? `${DEMO_MARK}\r\n${csv}` : csv;
}
