/** The lesson controller's own words in each language (the step divider, the generic dead-end text). */

import type { Language } from '../language.js';

const en = {
  step: 'Step',
  /** Between a step's number and its title. */
  titleSep: ': ',
  deadEnd:
    'This step cannot be finished from here: something happened that its goals rule out (see the events). Go back to the start of the step and try again.',
};

const zh: typeof en = {
  step: '步骤',
  titleSep: '：',
  deadEnd: '从现在的状态已无法完成本步：发生了目标所排除的情况（见事件栏）。请回到本步开头再试一次。',
};

export function lessonWords(lang: Language): typeof en {
  return lang === 'zh' ? zh : en;
}
