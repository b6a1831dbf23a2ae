// The words every view and export of a demo database carries (the UI, the reports, the CSVs).
export const DEMO_MARK = '演示数据（非真实数据）';

/** What building the demo wrote (campaign demo prints it). */
export interface DemoSummary {
  batchId: number;
  facts: number;
  units: number;
  indicators: number;
  days: number;
}
