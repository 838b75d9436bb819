// One entry point for the CLI's --format flag.
import type { Plan } from '../model/plan.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export type PlanFormat = 'text' | 'markdown' | 'json';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

export interface RenderOptions {
  /** ANSI colours in the text format; ignored by the others. */
  readonly color?: boolean;
}

export function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(plan, options);
    case 'markdown':
      return renderMarkdown(plan);
    case 'json':
      return renderJson(plan);
  }
}
