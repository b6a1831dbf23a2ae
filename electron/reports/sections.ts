// A report's numbered sections (一、 二、 …) and tables (表1, 表2 …). A section with nothing to say
// is left out and takes no number, so each section is built on its own and numbered here.
import type { Block } from './model';
import { chineseNumber } from './narrative';

export interface Section {
  /** The heading without its number: 基本情况. */
  heading: string;
  blocks: Block[];
}

/** The sections in order, each under its level-1 heading, numbered 一、 二、 … without gaps. */
export function numberedSections(sections: (Section | null)[]): Block[] {
  let n = 0;
  return sections.flatMap((s): Block[] =>
    s ? [{ kind: 'heading', level: 1, text: `${chineseNumber(++n)}、${s.heading}` }, ...s.blocks] : [],
  );
}

/** The next table number on each call, from `first`: only tables actually printed take a number. */
export function tableNumbers(first: number): () => number {
  let next = first;
  return () => next++;
}
