// Reads the article's figures from the reference table (a copy of ../shared/reference/published-figures.md).
import { readFileSync } from 'node:fs';

export interface PublishedFigure {
  table: 'A' | 'B' | 'C';
  indicator: string; // as printed
  value: string; // as printed: 6.55万, 3700余, 超1600万, 27.3
  unit: string;
}

export function publishedFigures(): PublishedFigure[] {
  const text = readFileSync(new URL('../fixtures/published-figures.md', import.meta.url), 'utf8');
  const out: PublishedFigure[] = [];
  let table: PublishedFigure['table'] | null = null;
  for (const line of text.split('\n')) {
    const heading = /^## ([ABC])\./.exec(line);
    if (heading) table = heading[1] as PublishedFigure['table'];
    else if (line.startsWith('## ')) table = null;
    const cells = line.split('|').map((c) => c.trim());
    if (table && cells.length === 5 && cells[1] && !/^indicator|^-+$/.test(cells[1])) {
      out.push({ table, indicator: cells[1], value: cells[2]!, unit: cells[3]! });
    }
  }
  return out;
}
