// The catalogue as the UI, the CLI and reports see it. Region codes are 6-digit strings at the edges.
import type { DisplayStyle } from '../format';

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  /** The city a county belongs to, or the city itself; null for the province. */
  city: string | null;
}

export interface Department {
  name: string;
  fullName: string;
  aliases: string[];
}

export interface Indicator {
  id: number;
  /** department/name: unique even where two departments use the same name. */
  key: string;
  department: string;
  name: string;
  unit: string;
  phrase: string;
  display: DisplayStyle;
  fromArticle: boolean;
  aliases: string[];
}

export interface Phase {
  name: string;
  campaign: string;
  from: string;
  to: string;
}

export interface Campaign {
  name: string;
  year: number;
  from: string;
  to: string;
  phases: Phase[];
}

export interface Catalogue {
  regions: Region[];
  departments: Department[];
  indicators: Indicator[];
  campaigns: Campaign[];
}
