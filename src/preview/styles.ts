/**
 * CSS approximating HubSpot's UI kit (Canvas) for the components our cards use:
 * close enough to judge layout, wording and colours outside HubSpot, not a copy.
 */

const gaps: Record<string, string> = {
  flush: '0',
  'extra-small': '4px',
  xs: '4px',
  small: '8px',
  sm: '8px',
  medium: '16px',
  md: '16px',
  large: '24px',
  lg: '24px',
  'extra-large': '32px',
  xl: '32px',
};
export const gapOf = (size: unknown): string => gaps[String(size)] ?? gaps.small;

export const previewCss = `
* { box-sizing: border-box; }
body { margin: 0; background: #f5f8fa; color: #33475b; font: 14px/1.5 "Lexend Deca", "Helvetica Neue", Helvetica, Arial, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.hs-page { padding: 24px; }
.hs-card { background: #fff; border: 1px solid #cbd6e2; border-radius: 4px; max-width: var(--card-width, 1080px); margin: 0 auto; }
.hs-card-header { padding: 14px 20px; border-bottom: 1px solid #cbd6e2; font-weight: 600; font-size: 16px; display: flex; flex-wrap: wrap; gap: 2px 16px; justify-content: space-between; align-items: baseline; }
.hs-card-header small { font-weight: 400; color: #516f90; font-size: 12px; }
.hs-card-body { padding: 20px; }
.hs-flex { display: flex; min-width: 0; }
.hs-box { min-width: 0; }
.hs-heading { font-size: 16px; font-weight: 600; margin: 0 0 2px; color: #33475b; }
.hs-text { margin: 0; }
.hs-microcopy { font-size: 12px; color: #516f90; }
.hs-bold { font-weight: 700; } .hs-demibold { font-weight: 600; }
.hs-tile { border: 1px solid #cbd6e2; border-radius: 4px; padding: 16px; background: #fff; height: 100%; }
.hs-tile.compact { padding: 12px; }
.hs-divider { border: 0; border-top: 1px solid #dfe3eb; margin: 4px 0; width: 100%; }
.hs-stats { display: flex; flex-wrap: wrap; gap: 12px; }
.hs-stat { flex: 1 1 150px; border: 1px solid #dfe3eb; border-radius: 4px; padding: 10px 14px; background: #f5f8fa; }
.hs-stat-label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #516f90; }
.hs-stat-number { font-size: 26px; font-weight: 300; color: #33475b; }
.hs-trend { font-size: 12px; margin-left: 6px; font-weight: 600; }
.hs-trend.increase { color: #00a38d; } .hs-trend.decrease { color: #d94c53; }
.hs-flex > .hs-tag, .hs-flex > .hs-status { align-self: flex-start; }
.hs-tag { display: inline-block; padding: 1px 8px; border-radius: 3px; font-size: 12px; border: 1px solid #cbd6e2; background: #eaf0f6; white-space: nowrap; font-weight: 400; }
.hs-tag.success { background: #e5f8f6; border-color: #7fded2; } .hs-tag.warning { background: #fef8f0; border-color: #fae0b5; }
.hs-tag.error { background: #fde8e9; border-color: #f8a9ad; } .hs-tag.info { background: #e5f5f8; border-color: #7fd1de; }
.hs-status { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; white-space: nowrap; }
.hs-status::before { content: ""; width: 9px; height: 9px; border-radius: 50%; background: #7c98b6; }
.hs-status.danger::before { background: #f2545b; } .hs-status.warning::before { background: #f5c26b; }
.hs-status.success::before { background: #00bda5; } .hs-status.info::before { background: #0091ae; }
.hs-alert { border: 1px solid #7fd1de; border-top-width: 4px; background: #e5f5f8; border-radius: 3px; padding: 8px 12px; }
.hs-alert.warning { border-color: #f5c26b; background: #fef8f0; } .hs-alert.danger, .hs-alert.error { border-color: #f2545b; background: #fde8e9; }
.hs-alert.success { border-color: #00bda5; background: #e5f8f6; }
.hs-alert-title { font-weight: 600; }
.hs-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.hs-table th { text-align: left; background: #f5f8fa; border-bottom: 1px solid #cbd6e2; padding: 6px 8px; font-size: 12px; text-transform: uppercase; color: #516f90; font-weight: 600; }
.hs-table td { border-bottom: 1px solid #eaf0f6; padding: 6px 8px; vertical-align: top; }
.hs-table.bordered td, .hs-table.bordered th { border: 1px solid #dfe3eb; }
.hs-dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px 16px; margin: 0; }
.hs-dl.column { grid-template-columns: 1fr; }
.hs-dl dt { font-size: 12px; color: #516f90; } .hs-dl dd { margin: 0; }
.hs-button { display: inline-block; border: 1px solid #ff7a59; color: #ff7a59; background: #fff; border-radius: 3px; padding: 6px 14px; font: inherit; font-weight: 600; font-size: 13px; }
.hs-button.primary { background: #ff7a59; color: #fff; } .hs-button.transparent { border-color: transparent; color: #0091ae; padding: 0 4px; }
.hs-button[disabled] { opacity: .5; }
.hs-link { color: #0091ae; text-decoration: none; font-weight: 600; font-size: 13px; }
.hs-empty, .hs-error { text-align: center; padding: 24px; border: 1px dashed #cbd6e2; border-radius: 4px; }
.hs-empty-title, .hs-error-title { font-size: 18px; font-weight: 600; margin-bottom: 8px; }
.hs-accordion { border-top: 1px solid #eaf0f6; padding-top: 6px; }
.hs-accordion summary { cursor: pointer; color: #0091ae; font-weight: 600; font-size: 13px; }
.hs-progress { background: #eaf0f6; border-radius: 3px; height: 8px; overflow: hidden; }
.hs-progress > span { display: block; height: 100%; background: #0091ae; }
.hs-progress.success > span { background: #00bda5; } .hs-progress.warning > span { background: #f5c26b; } .hs-progress.danger > span { background: #f2545b; }
.hs-field { display: flex; flex-direction: column; gap: 2px; font-size: 13px; }
.hs-field input, .hs-field select { border: 1px solid #cbd6e2; border-radius: 3px; padding: 6px 8px; font: inherit; background: #f5f8fa; }
.hs-tabs > .hs-tab-titles { display: flex; gap: 16px; border-bottom: 1px solid #cbd6e2; margin-bottom: 12px; }
.hs-tab-title { padding: 6px 2px; font-weight: 600; }
.hs-tab-title.selected { border-bottom: 3px solid #33475b; }
.hs-chart { width: 100%; }
.hs-chart-title { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
.hs-legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; color: #516f90; }
.hs-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.hs-spinner { color: #516f90; padding: 24px; text-align: center; }
.hs-page-title { font-size: 24px; font-weight: 600; margin: 0 0 8px; }
`;
