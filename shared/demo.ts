// The words every view and export of a demo database carries (the UI, the reports, the CSVs).
export const DEMO_MARK = '演示数据（非真实数据）';
