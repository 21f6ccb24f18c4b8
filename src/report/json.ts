import type { MultiReport } from '../core/multi-report.js';
import type { Report } from '../core/report.js';

export function renderJson(report: Report | MultiReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
